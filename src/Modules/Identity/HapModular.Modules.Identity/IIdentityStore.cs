using Marten;

namespace HapModular.Modules.Identity;

/// <summary>The Identity module's Marten store (schema <c>identity</c>); public only because Marten needs the marker.</summary>
public interface IIdentityStore : IDocumentStore;

using Marten;

namespace HapModular.Modules.Consent.Storage;

/// <summary>The Consent module's own Marten store (schema <c>consent</c>): event streams and their inline projections.</summary>
public interface IConsentStore : IDocumentStore;

using Marten;

namespace HapModular.Modules.Records.Storage;

/// <summary>The Records module's Marten store (schema <c>records</c>): the patient registry.</summary>
public interface IRecordsStore : IDocumentStore;

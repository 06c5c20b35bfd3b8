namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// Indexing at ingestion: the instance's DICOM JSON and summary are written as it arrives, from the bytes already in
/// hand. Indexed on first use only, the first physician to open a new study waited for every instance of it to be read
/// back from the store, described and written (the bench's 100-slice CT: ~300 ms added to the first page; a 500-slice CT,
/// seconds). Not done here (an error, a crash between the two writes), the first read still does it.
/// </summary>
internal sealed partial class DicomInstanceIndex
{
    public async Task IndexIngestedAsync(Guid documentId, string sha256, string? fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var (metadata, problem) = await DescribeAsync(content, fileName, cancellationToken);
        await UpsertAsync(documentId, sha256, metadata, problem, cancellationToken);
    }
}

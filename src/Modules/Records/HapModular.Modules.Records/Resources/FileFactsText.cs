namespace HapModular.Modules.Records.Resources;

/// <summary>Marker for what the pages say about a file's own facts: unknown dates, the patient it names, series contents.</summary>
internal sealed class FileFactsText;

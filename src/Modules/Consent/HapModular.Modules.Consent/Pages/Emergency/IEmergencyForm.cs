namespace HapModular.Modules.Consent.Pages.Emergency;

/// <summary>What the shared reason partial reads from either emergency page.</summary>
internal interface IEmergencyForm
{
    string? Category { get; }

    string? Justification { get; }
}

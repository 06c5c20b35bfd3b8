namespace HapModular.Modules.Records.Access;

/// <summary>
/// Thrown by the guard when access is refused. Carries no reason on purpose: every caller answers with the same
/// neutral response whether the patient or document does not exist, is masked, embargoed or not linked.
/// </summary>
internal sealed class PatientAccessDeniedException : Exception
{
    public PatientAccessDeniedException()
        : base("No access.")
    {
    }

    public PatientAccessDeniedException(string message)
        : base(message)
    {
    }

    public PatientAccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

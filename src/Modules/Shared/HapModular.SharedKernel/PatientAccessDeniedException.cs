namespace HapModular.SharedKernel;

/// <summary>
/// Thrown by the patient-data guard when access is refused. Carries no reason on purpose: every caller (pages,
/// endpoints, DICOMweb, FHIR) answers with the same neutral response whether the patient or document does not exist,
/// is masked, embargoed or not linked. Catch it by type, never by name.
/// </summary>
public sealed class PatientAccessDeniedException : Exception
{
    /// <summary>The neutral denial.</summary>
    public PatientAccessDeniedException()
        : base("No access.")
    {
    }

    /// <summary>A denial with a message for logs (never shown, never a reason).</summary>
    /// <param name="message">The message.</param>
    public PatientAccessDeniedException(string message)
        : base(message)
    {
    }

    /// <summary>A denial wrapping what caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PatientAccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace HapModular.Modules.Identity.AccessRequests.Submit;

/// <summary>What the physician typed on the public access-request form.</summary>
internal sealed class AccessRequestForm
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Inami { get; set; }

    public string? Specialty { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? PracticeAddress { get; set; }

    public bool AcceptTerms { get; set; }
}

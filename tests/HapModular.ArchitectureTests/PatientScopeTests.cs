using System.Reflection;
using System.Text.RegularExpressions;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.ArchitectureTests;

/// <summary>
/// Every MediatR request that carries a patient id (or a NISS) goes through the one guard: it implements
/// <see cref="IPatientScoped"/>, or it is on the allow-list below with the reason it may skip the guard. A new request
/// that forgot the marker fails here, in every module present in the host's output (new modules included).
/// </summary>
public sealed partial class PatientScopeTests
{
    /// <summary>Requests that carry a patient id but are not guarded, each with why. Add to it only with a reason a reviewer accepts.</summary>
    private static readonly Dictionary<string, string> AllowList = new(StringComparer.Ordinal)
    {
        ["HapModular.Modules.Consent.Contracts.CheckAccess"] = "the guard's own question to Consent (R1)",
        ["HapModular.Modules.Records.Contracts.CheckDocumentAccess"] = "the guard's own question to Records (R6)",
        ["HapModular.Modules.Records.Contracts.DescribeImagingStudy"] = "the guard's own question to Records for an imaging audit record, after it allowed the request (R6 filter applied)",
        ["HapModular.Modules.Records.Contracts.MatchPatient"] = "the link declaration's identity check (NISS + name + birth date): answers only an id, the same null for unknown and mismatch",
        ["HapModular.Modules.Records.Contracts.FindNissHolder"] = "counts and audits failed identity checks against the patient who holds the typed NISS (brute-force throttle); its answer never reaches the user",
        ["HapModular.Modules.Consent.IdentityChecks.CheckPatientIdentity"] = "the throttled, audited identity check before a link declaration or emergency access: answers a patient id only on a full match",
        ["HapModular.Modules.Records.Contracts.RegisterPatient"] = "ingestion and the demo register patients (hospital systems, API key), no read",
        ["HapModular.Modules.Records.Contracts.GetPatientBanner"] = "the patient banner shows only a patient the guard allowed earlier in the same request (nothing once it refused anything), or to staff who may look patients up; it decides nothing",
        ["HapModular.Modules.Records.Contracts.GetAuthorMaskedDocuments"] = "ids only, sent by the access report's handler after the guard allowed that report",
        ["HapModular.Modules.Records.Contracts.GetPatientSummaries"] = "letters, the physician's own linked patients, the DPO queue: callers ask only for patients they already hold a reason for; desk pages read identity through a guarded request",
        ["HapModular.Modules.Consent.Contracts.GetConsentHistory"] = "for the desk's guarded identity page and the DPO; never for physicians' pages",
        ["HapModular.Modules.Consent.Pages.Desk.GetPatientConsentState"] = "desk page, read after its guarded identity request for the same patient",
        ["HapModular.Modules.Consent.Pages.Desk.RecordConsent"] = "desk staff record consent on the patient's request (audited as a consent event)",
        ["HapModular.Modules.Consent.Pages.Desk.ChangeExclusion"] = "desk staff add or lift an exclusion on the patient's request (audited as a consent event)",
        ["HapModular.Modules.Audit.Contracts.RecordAudit"] = "the audit trail itself: the guard writes it",
        ["HapModular.Modules.Consent.Pages.Links.Declare.DeclareLink"] = "creates the link the guard then checks, for a patient the physician matched by NISS, name and birth date",
        ["HapModular.Modules.Consent.Pages.Emergency.GrantEmergencyAccess"] = "break the glass (R5): creates the grant the guard then checks; audited ETREAT and sent to the DPO",
    };

    [Fact]
    public void Every_request_carrying_a_patient_id_is_patient_scoped_or_allow_listed()
    {
        var requests = ModuleAssemblies().SelectMany(LoadableTypes).Where(IsRequest).ToList();
        Assert.NotEmpty(requests);
        var unguarded = requests.Where(t => Violates(t) && !AllowList.ContainsKey(t.FullName!)).Select(t => t.FullName).ToList();
        Assert.True(unguarded.Count == 0, "Not patient-scoped and not allow-listed: " + string.Join(", ", unguarded));
    }

    [Fact]
    public void Every_allow_listed_request_exists_carries_a_patient_id_and_is_not_guarded()
    {
        var requests = ModuleAssemblies().SelectMany(LoadableTypes).Where(IsRequest).ToDictionary(t => t.FullName!);
        foreach (var (name, reason) in AllowList)
        {
            Assert.True(requests.TryGetValue(name, out var type), name + " no longer exists: remove it from the allow-list");
            Assert.True(Violates(type!), name + " is guarded or carries no patient id: remove it from the allow-list");
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }
    }

    [Fact]
    public void The_rule_flags_a_request_that_forgot_the_marker()
    {
        Assert.True(Violates(typeof(ForgotTheMarker)));
        Assert.True(Violates(typeof(CarriesANiss)));
        Assert.True(Violates(typeof(CarriesPatients)));
        Assert.False(Violates(typeof(Marked)));
        Assert.False(Violates(typeof(NoPatient)));
    }

    /// <summary>Every module implementation and contract assembly the host ships, found in the output folder.</summary>
    private static IEnumerable<Assembly> ModuleAssemblies() =>
        Directory.GetFiles(AppContext.BaseDirectory, "HapModular.Modules.*.dll")
            .Select(p => Assembly.LoadFrom(p))
            .Append(Assembly.LoadFrom(AssemblyReferences.PathOf("HapModular.Host")));

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(t => t is not null)!;
        }
    }

    private static bool IsRequest(Type type) =>
        !type.IsAbstract && !type.IsInterface && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>));

    private static bool Violates(Type type) =>
        !typeof(IPatientScoped).IsAssignableFrom(type)
        && type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Any(p => PatientField().IsMatch(p.Name) && CarriesId(p.PropertyType, p.Name));

    private static bool CarriesId(Type type, string name) =>
        name.Contains("Niss", StringComparison.OrdinalIgnoreCase)
        || type == typeof(Guid) || type == typeof(Guid?) || typeof(IEnumerable<Guid>).IsAssignableFrom(type);

    [GeneratedRegex("^(Patient(Id|Ids)|.*Niss.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex PatientField();

    private sealed record ForgotTheMarker(Guid PatientId) : IRequest<int>;

    private sealed record CarriesANiss(string NissDigits) : IRequest<int>;

    private sealed record CarriesPatients(IReadOnlyCollection<Guid> PatientIds) : IRequest<int>;

    private sealed record NoPatient(Guid UserId) : IRequest<int>;

    private sealed record Marked(Guid PatientId) : IRequest<int>, IPatientScoped
    {
        public string AuditAction => PatientScopedActions.Read;
    }
}

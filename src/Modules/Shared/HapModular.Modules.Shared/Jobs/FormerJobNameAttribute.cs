namespace HapModular.Modules.Shared.Jobs;

/// <summary>
/// A background job's former type name, as an earlier release stored it in the job queue ("Namespace.Type, Assembly").
/// Hangfire keeps a queued or retried job by its type's name: a job class moved to another namespace would leave the
/// jobs queued before an upgrade unrunnable (a request lost, a password-reset e-mail never sent). The host resolves
/// every name given here to the job's current type.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FormerJobNameAttribute(string typeName) : Attribute
{
    /// <summary>The type's former name, exactly as stored ("Namespace.Type, Assembly").</summary>
    public string TypeName { get; } = typeName;
}

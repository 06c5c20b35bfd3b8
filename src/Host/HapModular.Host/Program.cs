using HapModular.Host.Composition;
using HapModular.Modules.Audit;
using HapModular.Modules.Consent;
using HapModular.Modules.Identity;
using HapModular.Modules.Interop;
using HapModular.Modules.Notifications;
using HapModular.Modules.Records;

// The modules of the portal, explicitly: no assembly scanning decides what runs in a hospital.
var modules = new HapModular.Modules.Shared.IModule[]
{
    new IdentityModule(),
    new ConsentModule(),
    new RecordsModule(),
    new NotificationsModule(),
    new AuditModule(),
    new InteropModule(),
};

return await HapHost.RunAsync(args, modules);

/// <summary>Entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program;

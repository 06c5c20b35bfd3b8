using Autofac;
using HapModular.Modules.Identity.AccessRequests;
using HapModular.Modules.Identity.AccessRequests.Submit;
using HapModular.Modules.Identity.AccessTokens;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Authentication;
using HapModular.Modules.Identity.Demo;
using HapModular.Modules.Identity.Emails;
using HapModular.Modules.Identity.Enrolment;
using HapModular.Modules.Identity.PasswordReset;
using HapModular.Modules.Identity.PasswordReset.Request;
using HapModular.Modules.Identity.Passwords;
using HapModular.Modules.Identity.Setup;
using HapModular.Modules.Identity.SignIn;
using HapModular.Modules.Identity.Totp;
using HapModular.Modules.Identity.Users;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HapModular.Modules.Identity;

/// <summary>
/// Front door of the Identity module: accounts (schema <c>identity</c>), access requests and approval, password +
/// TOTP sign-in, the session cookie and the data-protection key ring shared by every host.
/// </summary>
public sealed class IdentityModule : IModule
{
    /// <inheritdoc />
    public string Name => "identity";

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddModuleStore<IIdentityStore>(context, Name, o =>
        {
            o.Schema.For<Account>().Index(a => a.Email).Index(a => a.InamiIdentity!);
            o.Schema.For<AccountToken>();
            o.Schema.For<AddressThrottle>();
            o.Schema.For<PersonalAccessToken>().UniqueIndex(t => t.TokenHash).Index(t => t.AccountId);
            o.Schema.For<RevokedTicket>();
            o.Schema.For<PendingPasswordReset>();
            o.Schema.For<PendingAccessRequest>();
        });
        KeyRingEncryption.Protect(services.AddDataProtection().SetApplicationName("HapModular"), context);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<IdentityDataSource>().Source)));
        services.AddSingleton(_ => new IdentityDataSource(PreparedDataSource.Create(context.ConnectionString)));
        services.AddSingleton<SessionState>();
        services.AddSingleton<TokenState>();
        services.AddIdentityCookies(IdentitySettings.From(context));
    }

    /// <inheritdoc />
    public void ConfigureContainer(ContainerBuilder builder, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        builder.RegisterMediatRHandlers(typeof(IdentityModule).Assembly);
        var settings = IdentitySettings.From(context);
        builder.RegisterInstance(settings);
        builder.RegisterInstance(new PasswordHasher(settings.PasswordIterations));
        builder.RegisterType<TotpAuthenticator>().SingleInstance();
        builder.RegisterType<SecurityAudit>().InstancePerLifetimeScope();
        builder.RegisterType<SignInGuard>().InstancePerLifetimeScope();
        builder.RegisterType<CheckPassword>().InstancePerLifetimeScope();
        builder.RegisterType<CheckCode>().InstancePerLifetimeScope();
        // Stateless, asked once per request: built by a compiled constructor call (TransientFactories), not an Autofac resolve.
        builder.RegisterType<SessionValidator>().InstancePerDependency();
        builder.RegisterType<VerifiedAccount>().InstancePerLifetimeScope();
        builder.RegisterType<ListAccessTokens>().InstancePerLifetimeScope();
        builder.RegisterType<CreateAccessToken>().InstancePerLifetimeScope();
        builder.RegisterType<RevokeAccessToken>().InstancePerLifetimeScope();
        builder.RegisterType<AuthenticateAccessToken>().InstancePerLifetimeScope();
        builder.RegisterType<TicketRevocation>().InstancePerLifetimeScope();
        builder.RegisterType<AccountLinks>().SingleInstance();
        builder.RegisterType<AccountEmails>().InstancePerLifetimeScope();
        builder.RegisterType<SubmitAccessRequest>().InstancePerLifetimeScope();
        builder.RegisterType<SubmitAccessRequestJob>().AsSelf().InstancePerDependency();
        builder.RegisterType<RequestPasswordReset>().InstancePerLifetimeScope();
        builder.RegisterType<RequestPasswordResetJob>().AsSelf().InstancePerDependency();
        builder.RegisterType<PendingAccessRequests>().InstancePerLifetimeScope();
        builder.RegisterType<ApproveAccessRequest>().InstancePerLifetimeScope();
        builder.RegisterType<RejectAccessRequest>().InstancePerLifetimeScope();
        builder.RegisterType<EnrolmentLink>().InstancePerLifetimeScope();
        builder.RegisterType<CompleteEnrolment>().InstancePerLifetimeScope();
        builder.RegisterType<UserAdministration>().InstancePerLifetimeScope();
        builder.RegisterType<ResetPasswordByLink>().InstancePerLifetimeScope();
        builder.RegisterType<IdentityDemoSeeder>().As<IDemoSeeder>();
        builder.RegisterType<CreateAdminCommand>().As<IHostCommand>();
    }
}

using System.Reflection;
using HapModular.Modules.Audit.Contracts;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests;

/// <summary>No patient-scoped request can skip the guard: each one's pipeline, as the container builds it, holds it.</summary>
public sealed class GuardArchitectureTests(GuardFactory factory) : IClassFixture<GuardFactory>
{

    [Fact]
    public void Every_patient_scoped_request_passes_the_guard_and_its_handler_is_used_by_nothing_else()
    {
        _ = factory.Server;
        // Every module implementation the host ships (a module added later is covered without editing this test).
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "HapModular.Modules.*.dll")
            .Where(p => !p.EndsWith(".Contracts.dll", StringComparison.Ordinal) && !p.EndsWith(".Tests.dll", StringComparison.Ordinal))
            .Select(p => Assembly.LoadFrom(p))
            .ToList();
        var scoped = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => typeof(IPatientScoped).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
            .ToList();
        Assert.NotEmpty(scoped);
        using var scope = factory.Services.CreateScope();
        foreach (var request in scoped)
        {
            var response = request.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0];
            var behaviours = ((IEnumerable<object>)scope.ServiceProvider.GetRequiredService(typeof(IEnumerable<>).MakeGenericType(typeof(IPipelineBehavior<,>).MakeGenericType(request, response)))).ToList();
            // The one guard, from the shared layer, for every module's requests.
            Assert.Contains(behaviours, b => b.GetType().Name.StartsWith("PatientAccessBehavior", StringComparison.Ordinal)
                && b.GetType().Assembly.GetName().Name == "HapModular.Modules.Shared");
            Assert.NotNull(scope.ServiceProvider.GetService(typeof(IRequestHandler<,>).MakeGenericType(request, response)));
        }

        // Handlers are reached through MediatR only: no type takes a patient-scoped handler in its constructor.
        var handlerTypes = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) && typeof(IPatientScoped).IsAssignableFrom(i.GetGenericArguments()[0])))
            .ToHashSet();
        Assert.NotEmpty(handlerTypes);
        Assert.All(handlerTypes, h => Assert.False(h.IsPublic, h.Name + " must be internal"));
        var dependents = assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).SelectMany(c => c.GetParameters()).Select(p => (t, p.ParameterType)))
            .Where(x => handlerTypes.Contains(x.ParameterType) || (x.ParameterType.IsGenericType && x.ParameterType.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) && typeof(IPatientScoped).IsAssignableFrom(x.ParameterType.GetGenericArguments()[0])))
            .Select(x => x.t.FullName)
            .ToList();
        Assert.Empty(dependents);
    }

    [Fact]
    public void Requests_that_are_not_patient_scoped_do_not_get_the_guard()
    {
        _ = factory.Server;
        using var scope = factory.Services.CreateScope();
        var behaviours = scope.ServiceProvider.GetServices<IPipelineBehavior<RecordAudit, AuditReceipt>>();
        Assert.DoesNotContain(behaviours, b => b.GetType().Name.StartsWith("PatientAccessBehavior", StringComparison.Ordinal));
    }
}

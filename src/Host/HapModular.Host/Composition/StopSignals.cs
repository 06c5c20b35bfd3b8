using System.Runtime.InteropServices;

namespace HapModular.Host.Composition;

/// <summary>
/// SIGINT, SIGTERM and SIGQUIT from the first line of the program, as a token: the host's own console lifetime listens
/// only once the web host has started, so a signal during the database start, the schema set-up or the demo seeding
/// would otherwise kill the process mid-step (leaving PostgreSQL running) or surface as an unhandled cancellation.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;

    public StopSignals() =>
        registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT }.Select(s => PosixSignalRegistration.Create(s, OnSignal))];

    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Stop in order (the finally blocks run) instead of the runtime's default termination.
        context.Cancel = true;
        source.Cancel();
    }
}

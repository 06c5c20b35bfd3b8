namespace HapModular.ScaleOut.Tests;

/// <summary>
/// Which host a client that talks to the hosts directly may use. The link workers check one host's change on the other
/// host; they must not be cut off in the middle of a step when host A is killed (an unknown outcome would make the
/// letter count uncertain). So the kill first closes A to them, waits until none of their requests is in flight on A,
/// and only then happens: from there on they use B for both sides. Traffic through nginx is never held back.
/// </summary>
internal sealed class HostChoice(string urlA, string urlB)
{
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inFlightOnA;
    private int closed;

    public bool AClosed => Volatile.Read(ref closed) == 1;

    /// <summary>Runs <paramref name="request"/> on A when <paramref name="preferA"/> and A is open, else on B; returns the host used.</summary>
    public async Task<T> RunAsync<T>(bool preferA, Func<string, Task<T>> request)
    {
        if (preferA && TryEnterA())
        {
            try
            {
                return await request(urlA);
            }
            finally
            {
                ExitA();
            }
        }

        return await request(urlB);
    }

    /// <summary>Closes A to direct clients and waits until their last request on A has answered.</summary>
    public async Task CloseAAsync()
    {
        Volatile.Write(ref closed, 1);
        if (Volatile.Read(ref inFlightOnA) == 0)
        {
            drained.TrySetResult();
        }

        await drained.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    private bool TryEnterA()
    {
        Interlocked.Increment(ref inFlightOnA);
        if (AClosed)
        {
            ExitA();
            return false;
        }

        return true;
    }

    private void ExitA()
    {
        if (Interlocked.Decrement(ref inFlightOnA) == 0 && AClosed)
        {
            drained.TrySetResult();
        }
    }
}

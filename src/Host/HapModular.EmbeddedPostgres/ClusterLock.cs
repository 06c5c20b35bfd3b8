namespace HapModular.EmbeddedPostgres;

/// <summary>
/// An exclusive lock on <c>{cluster}.lock</c> (flock(2): .NET's FileShare.None on Linux, <c>flock</c> in the watchdog),
/// held while a process decides to start, attach to or stop the cluster, so two processes never race on it.
/// </summary>
internal static class ClusterLock
{
    public static async Task<IDisposable> AcquireAsync(string cluster, CancellationToken cancellationToken)
    {
        var path = cluster + ".lock";
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Another process is starting or stopping the cluster (a few seconds at most).
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}

namespace HapModular.EmbeddedPostgres;

/// <summary>How to run the private cluster.</summary>
public sealed record EmbeddedPostgresOptions
{
    /// <summary>The folder holding the cluster (created on first run, reused after).</summary>
    public required string ClusterDirectory { get; init; }

    /// <summary>The database the host uses (created when missing).</summary>
    public string Database { get; init; } = "hapmodular";

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one at each start. A server already running keeps its port.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Trades durability for speed (fsync, synchronous commit and full page writes off) and deletes the cluster when
    /// its last user leaves. Only for throw-away test clusters, never for data someone wants to keep.
    /// </summary>
    public bool Ephemeral { get; init; }
}

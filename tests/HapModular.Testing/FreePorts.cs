using System.Net;
using System.Net.Sockets;

namespace HapModular.Testing;

/// <summary>Loopback ports for the servers tests start (portal hosts, Orthanc, nginx, a GP's software…).</summary>
public static class FreePorts
{
    /// <summary>
    /// A port the system just had free on 127.0.0.1. It is released before the caller binds it, so another process may
    /// take it in between: a server that fails to bind says so in its own start-up error.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

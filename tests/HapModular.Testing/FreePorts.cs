using System.Net;
using System.Net.Sockets;

namespace HapModular.Testing;

/// <summary>Loopback ports for the servers tests start (portal hosts, Orthanc, nginx, a GP's software…).</summary>
public static class FreePorts
{
    private static readonly Lazy<(int Low, int High)> Range = new(ChooseRange);

    /// <summary>
    /// A port free on 127.0.0.1 a moment ago, below the kernel's ephemeral range. It is released before the caller binds
    /// it; a port the kernel chose (bind to 0) comes from the ephemeral range, the same one every outgoing connection
    /// draws from, so under load (the scale-out test opens thousands) a client socket could take it before the server
    /// bound it. Below that range only another test's server can, and ports are drawn at random from thousands.
    /// </summary>
    public static int Next()
    {
        var (low, high) = Range.Value;
        for (var attempt = 0; low < high && attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(low, high);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use (or lingering): try another.
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Up to 12,000 ports just below the ephemeral range (Linux: ip_local_port_range, 32768 by default), not below 10,000.</summary>
    private static (int Low, int High) ChooseRange()
    {
        var ephemeralLow = 32768;
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            ephemeralLow = int.Parse(text[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux or not readable: the default range.
        }

        return (Math.Max(10_000, ephemeralLow - 12_000), ephemeralLow);
    }
}

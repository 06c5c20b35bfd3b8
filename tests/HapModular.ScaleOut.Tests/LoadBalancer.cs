using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HapModular.ScaleOut.Tests;

/// <summary>
/// Debian's nginx as the portal's load balancer, run by the test as its own foreground process
/// (<c>nginx -p DIR -c DIR/nginx.conf -g 'daemon off;'</c>) with a generated configuration whose pid, logs and temporary
/// folders all live in DIR: no system service, no privileged port. Round robin over the hosts; a host that refuses or
/// resets a connection is marked down for <c>fail_timeout</c> and an idempotent request is passed to the next one
/// (nginx never replays a POST it already sent).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LoadBalancer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string folder;

    private LoadBalancer(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        Port = port;
    }

    /// <summary>The address clients use.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    public int Port { get; }

    /// <summary>nginx's access log: one line per request with the upstream(s) it went to and their statuses.</summary>
    public string AccessLog => File.Exists(Path.Combine(folder, "access.log")) ? File.ReadAllText(Path.Combine(folder, "access.log")) : string.Empty;

    /// <summary>nginx's error log (connection refused/reset by a dead upstream, "upstream server temporarily disabled").</summary>
    public string ErrorLog => File.Exists(Path.Combine(folder, "error.log")) ? File.ReadAllText(Path.Combine(folder, "error.log")) : string.Empty;

    /// <summary>Writes the configuration for <paramref name="upstreams"/> (host:port) and starts nginx; returns once it accepts connections.</summary>
    public static async Task<LoadBalancer> StartAsync(IReadOnlyList<string> upstreams, int port)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hap-tests", "nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // As root, nginx's workers run as an unprivileged user that must enter this folder (for its temporary files).
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), Configuration(folder, upstreams, port));
        var psi = new ProcessStartInfo("nginx") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" })
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("nginx did not start");
        var balancer = new LoadBalancer(process, folder, port);
        await balancer.WaitUntilListeningAsync();
        return balancer;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // QUIT: graceful stop of master and workers.
            using (var quit = Process.Start("kill", ["-QUIT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await quit.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static string Configuration(string folder, IReadOnlyList<string> upstreams, int port)
    {
        var user = Environment.UserName == "root" ? "user nobody nogroup;" : string.Empty;
        var servers = string.Join('\n', upstreams.Select(u => $"        server {u} max_fails=1 fail_timeout=30s;"));
        return $$"""
            {{user}}
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 512; }
            http {
                log_format upstreams '$request_method $uri $status upstream=$upstream_addr upstream_status=$upstream_status';
                access_log {{folder}}/access.log upstreams;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                client_max_body_size 80m;
                upstream portal {
            {{servers}}
                    keepalive 32;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://portal;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_connect_timeout 2s;
                        proxy_next_upstream error timeout http_502 http_503;
                    }
                }
            }
            """;
    }

    private async Task WaitUntilListeningAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx ended (exit {process.ExitCode}): {await process.StandardError.ReadToEndAsync()}\n{ErrorLog}");
            }

            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet: nginx binds within milliseconds of starting; try again.
                await Task.Delay(20, timeout.Token);
            }
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Interop.Hl7;

/// <summary>
/// HL7 v2 over MLLP (HL7 v2.5 appendix C): each message framed as VT message FS CR, answered with one ACK in the same
/// framing, in order, on the same connection. Bytes outside a frame are ignored; an oversized frame is answered AR.
/// </summary>
internal sealed partial class MllpListener(MllpOptions options, Hl7Receiver receiver, TimeProvider time, ILogger<MllpListener> logger) : BackgroundService
{
    private const byte StartBlock = 0x0B;
    private const byte EndBlock = 0x1C;
    private const byte CarriageReturn = 0x0D;

    private readonly TaskCompletionSource<int> bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The port actually listened on.</summary>
    public Task<int> Port => bound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            bound.TrySetResult(0);
            return;
        }

        var listener = new TcpListener(IPAddress.Parse(options.BindAddress), options.Port);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            LogCannotListen(logger, ex, options.BindAddress, options.Port);
            bound.TrySetResult(0);
            return;
        }

        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        LogListening(logger, options.BindAddress, port);
        bound.TrySetResult(port);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken);
                _ = Task.Run(() => ServeAsync(client, stoppingToken), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stoppingToken)
    {
        try
        {
            using (client)
            {
                var address = (client.Client.RemoteEndPoint as IPEndPoint)?.Address.ToString();
                await using var stream = client.GetStream();
                var frame = new MemoryStream();
                var inFrame = false;
                var tooLarge = false;
                var buffer = new byte[64 * 1024];
                while (true)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    idle.CancelAfter(options.IdleTimeout);
                    var n = await stream.ReadAsync(buffer, idle.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    for (var i = 0; i < n; i++)
                    {
                        var b = buffer[i];
                        if (!inFrame)
                        {
                            inFrame = b == StartBlock;
                            continue;
                        }

                        if (b == EndBlock)
                        {
                            // FS ends the message; the CR after it is outside the next frame and skipped as such.
                            var ack = tooLarge
                                ? Hl7Ack.Build(null, "AR", "100", "message larger than the portal accepts", time.GetUtcNow())
                                : await receiver.ReceiveAsync(frame.ToArray(), address, stoppingToken);
                            await WriteAsync(stream, ack, stoppingToken);
                            frame.SetLength(0);
                            inFrame = false;
                            tooLarge = false;
                            continue;
                        }

                        if (frame.Length >= options.MaxMessageBytes)
                        {
                            tooLarge = true;
                        }
                        else
                        {
                            frame.WriteByte(b);
                        }
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Peer gone, idle too long, or host stopping.
        }
    }

    private static async Task WriteAsync(Stream stream, string ack, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(ack);
        var framed = new byte[body.Length + 3];
        framed[0] = StartBlock;
        body.CopyTo(framed, 1);
        framed[^2] = EndBlock;
        framed[^1] = CarriageReturn;
        await stream.WriteAsync(framed, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HL7 MLLP listening on {Address}:{Port}")]
    private static partial void LogListening(ILogger logger, string address, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "HL7 MLLP cannot listen on {Address}:{Port}; HL7 reception is off")]
    private static partial void LogCannotListen(ILogger logger, Exception exception, string address, int port);
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Interop.Dicom;

/// <summary>
/// The portal's DICOM listener (AE title HAPMODULAR by default): one task per association, at most
/// <see cref="DicomOptions.MaxAssociations"/> served at once (the next ones are rejected as transient). A port that
/// cannot be bound is logged and the portal runs without it.
/// </summary>
internal sealed partial class DicomScp(DicomOptions options, StoreService store, ILogger<DicomScp> logger) : BackgroundService
{
    private readonly TaskCompletionSource<int> bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int active;

    /// <summary>The port actually listened on (a free one when configured as 0).</summary>
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
        LogListening(logger, options.AeTitle, options.BindAddress, port);
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
        var overLimit = Interlocked.Increment(ref active) > options.MaxAssociations;
        try
        {
            using (client)
            {
                client.NoDelay = true;
                var address = (client.Client.RemoteEndPoint as IPEndPoint)?.Address.ToString();
                await using var stream = client.GetStream();
                await new DicomAssociation(stream, address, options, store, logger).RunAsync(overLimit, stoppingToken);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer closed or reset the connection, or the host is stopping: the association is over.
        }
        catch (Exception ex)
        {
            LogAssociationFailed(logger, ex);
        }
        finally
        {
            Interlocked.Decrement(ref active);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "DICOM SCP {AeTitle} listening on {Address}:{Port}")]
    private static partial void LogListening(ILogger logger, string aeTitle, string address, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "DICOM SCP cannot listen on {Address}:{Port}; DICOM reception is off")]
    private static partial void LogCannotListen(ILogger logger, Exception exception, string address, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "DICOM association failed")]
    private static partial void LogAssociationFailed(ILogger logger, Exception exception);
}

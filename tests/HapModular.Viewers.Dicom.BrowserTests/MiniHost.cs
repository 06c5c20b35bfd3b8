using System.Globalization;
using System.Net;
using System.Text;

namespace HapModular.Viewers.Dicom.BrowserTests;

/// <summary>
/// A stand-in for the portal host, enough for the client module: one page per document with the view fragment,
/// the plugin's wwwroot at /plugins/hapmodular.dicom/, the document's targets under /docs/{name}/render/, and
/// the host's content security policy (no inline script, no inline style attributes).
/// </summary>
internal sealed class MiniHost : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly IViewer viewer = new DicomViewersPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()))[0];
    private readonly Func<string, byte[]> documents;
    private readonly Task loop;

    public MiniHost(Func<string, byte[]> documents)
    {
        this.documents = documents;
        var port = 20000 + Random.Shared.Next(20000);
        BaseUrl = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        loop = Task.Run(Serve);
    }

    public string BaseUrl { get; }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            response.Headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:";
            if (path.StartsWith("/plugins/hapmodular.dicom/", StringComparison.Ordinal))
            {
                var file = Path.Combine(AppContext.BaseDirectory, "wwwroot", Path.GetFileName(path));
                await Write(response, File.ReadAllBytes(file), "text/javascript");
                return;
            }

            if (path == "/favicon.ico")
            {
                response.StatusCode = 204;
                response.Close();
                return;
            }

            var parts = path.Trim('/').Split('/');
            if (parts is ["docs", var name, "render", var target])
            {
                var query = context.Request.QueryString;
                var parameters = query.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => query[k] ?? string.Empty);
                var request = new RenderRequest(target, parameters, CultureInfo.GetCultureInfo("fr-BE"), $"/docs/{name}/render/", $"/docs/{name}/original");
                var result = await viewer.RenderAsync(Content(name), request, CancellationToken.None);
                switch (result)
                {
                    case RenderResult.BinaryContent b:
                        await Write(response, b.Content, b.MediaType);
                        return;
                    case RenderResult.JsonContent j:
                        await Write(response, Encoding.UTF8.GetBytes(j.Value), "application/json");
                        return;
                    default:
                        response.StatusCode = 404;
                        response.Close();
                        return;
                }
            }

            if (parts is ["docs", var doc])
            {
                var view = await viewer.RenderAsync(Content(doc), new RenderRequest("view", new Dictionary<string, string>(), CultureInfo.GetCultureInfo("fr-BE"), $"/docs/{doc}/render/", $"/docs/{doc}/original"), CancellationToken.None);
                var fragment = view is RenderResult.HtmlFragment h ? h.Value : "<p>cannot display</p>";
                var page = "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>DICOM</title>"
                    + "<script type=\"module\" src=\"/plugins/hapmodular.dicom/dicom-viewer.js\"></script></head><body>" + fragment + "</body></html>";
                await Write(response, Encoding.UTF8.GetBytes(page), "text/html; charset=utf-8");
                return;
            }

            response.StatusCode = 404;
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The browser went away mid-response; nothing to do.
        }
    }

    private ViewerContent Content(string name) => new(new DocumentMetadata("application/dicom", name + ".dcm"), documents(name));

    private static async Task Write(HttpListenerResponse response, byte[] body, string mediaType)
    {
        response.ContentType = mediaType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }
}

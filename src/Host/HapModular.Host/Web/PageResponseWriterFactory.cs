using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace HapModular.Host.Web;

/// <summary>
/// Pages are written through a 64 KiB buffer instead of MVC's 16 KiB, so a timeline page (~40 KiB of HTML) leaves in
/// one write instead of three: each extra write was a chunk, a flush and a lock on the connection's output pipe
/// (profiled under load). The buffers come from the shared pools, as MVC's own do.
/// </summary>
internal sealed class PageResponseWriterFactory : IHttpResponseStreamWriterFactory
{
    private const int BufferChars = 64 * 1024;

    public TextWriter CreateWriter(Stream stream, Encoding encoding) =>
        new HttpResponseStreamWriter(stream, encoding, BufferChars, ArrayPool<byte>.Shared, ArrayPool<char>.Shared);
}

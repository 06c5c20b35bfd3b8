using System.IO.Compression;
using System.Net;
using System.Text;
using HapModular.Testing;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// The imaging workspace's bundle (4 MB) travels compressed to a browser that accepts it, as the build compressed it;
/// a browser that does not gets the file as is; nothing outside the bundle's scripts, styles and codecs is served.
/// </summary>
public sealed class ImagingAssetsTests(ImagingAssetsTests.Factory factory) : IClassFixture<ImagingAssetsTests.Factory>
{
    public sealed class Factory : HapAppFactory
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("hap-imaging-assets-").FullName;

        public Factory()
        {
            File.WriteAllText(Path.Combine(Folder, "app.js"), Script);
            File.WriteAllBytes(Path.Combine(Folder, "app.js.br"), Compress(Script, s => new BrotliStream(s, CompressionLevel.Optimal)));
            File.WriteAllBytes(Path.Combine(Folder, "app.js.gz"), Compress(Script, s => new GZipStream(s, CompressionLevel.Optimal)));
            // A bundle rebuilt without its compressed copies: the old copies must not be sent for the new file, even when
            // a deployment's copy made them look newer; nor a damaged copy.
            File.WriteAllText(Path.Combine(Folder, "rebuilt.js"), "new();");
            File.WriteAllBytes(Path.Combine(Folder, "rebuilt.js.br"), Compress("old();", s => new BrotliStream(s, CompressionLevel.Optimal)));
            File.WriteAllBytes(Path.Combine(Folder, "rebuilt.js.gz"), [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad]);
            File.WriteAllText(Path.Combine(Folder, "notes.txt"), "not an asset");
        }

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Hap:ImagingAssets", Folder)];
    }

    private static readonly string Script = string.Concat(Enumerable.Repeat("export const hello = 'bonjour';\n", 500));

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("*", "br")]
    [InlineData("br;q=0, *;q=0", null)]
    [InlineData(null, null)]
    public async Task The_bundle_is_sent_in_the_encoding_the_browser_accepts_and_decodes_to_the_same_script(string? acceptEncoding, string? expected)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/imaging/assets/app.js");
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Script, Decode(body, expected));
        if (expected is not null)
        {
            Assert.True(body.Length < Script.Length / 10, $"{expected}: {body.Length} bytes for {Script.Length}");
        }
    }

    [Fact]
    public async Task A_compressed_copy_that_does_not_decode_to_its_file_is_not_sent()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/imaging/assets/rebuilt.js");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");

        using var response = await client.SendAsync(request);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("new();", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("app.js.br")]
    [InlineData("missing.js")]
    [InlineData("..%2Fappsettings.json")]
    public async Task Only_the_bundles_scripts_styles_and_codecs_are_served(string file)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/imaging/assets/" + file, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void The_build_writes_brotli_and_gzip_copies_that_decode_to_the_bundle()
    {
        var folder = RepoFolder("artifacts", "imaging");
        var bundle = File.ReadAllBytes(Path.Combine(folder, "workspace.js"));

        foreach (var (suffix, open) in new (string, Func<Stream, Stream>)[] { (".br", s => new BrotliStream(s, CompressionMode.Decompress)), (".gz", s => new GZipStream(s, CompressionMode.Decompress)) })
        {
            var copy = File.ReadAllBytes(Path.Combine(folder, "workspace.js" + suffix));
            using var decoded = new MemoryStream();
            using (var stream = open(new MemoryStream(copy)))
            {
                stream.CopyTo(decoded);
            }

            Assert.True(bundle.AsSpan().SequenceEqual(decoded.ToArray()), suffix + " does not decode to workspace.js");
            Assert.True(copy.Length < bundle.Length / 3, $"{suffix}: {copy.Length} bytes for {bundle.Length}");
        }
    }

    private static string RepoFolder(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, .. parts]);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(string.Join('/', parts) + " not found above " + AppContext.BaseDirectory);
    }

    private static byte[] Compress(string text, Func<Stream, Stream> open)
    {
        using var output = new MemoryStream();
        using (var stream = open(output))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static string Decode(byte[] body, string? encoding)
    {
        Stream stream = new MemoryStream(body);
        stream = encoding switch
        {
            "br" => new BrotliStream(stream, CompressionMode.Decompress),
            "gzip" => new GZipStream(stream, CompressionMode.Decompress),
            _ => stream,
        };
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

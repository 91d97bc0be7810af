using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Junction.Server.Pipeline;

namespace Junction.Server.Tests.Pipeline;

public sealed class RequestBodyTests
{
    [Fact]
    public async Task ReadJsonAsync_PipeMemoryReusedByTheNextRequest_DocumentKeepsItsOwnBytes()
    {
        // One memory block shared by two pipes: what Kestrel does with its pool once a request's pipe is advanced.
        using var pool = new SingleBlockPool();
        var first = await ReadThroughPipeAsync(pool, """{"model":"first-model","n":1}""");
        using var second = await ReadThroughPipeAsync(pool, """{"model":"XXXXXXXXXXX","n":2}""");

        using (first)
        {
            Assert.Equal("first-model", first.RootElement.GetProperty("model").GetString());
            Assert.Equal(1, first.RootElement.GetProperty("n").GetInt32());
        }
    }

    [Theory]
    [InlineData("""{"a":1} {"b":2}""")]
    [InlineData("""{"a":1} x""")]
    [InlineData("")]
    [InlineData("""{"a":""")]
    public async Task ReadJsonAsync_NotExactlyOneJsonValue_Throws(string body)
    {
        using var pool = new SingleBlockPool();
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadThroughPipeAsync(pool, body));
    }

    [Fact]
    public async Task ReadJsonAsync_TrailingWhitespace_Parses()
    {
        using var pool = new SingleBlockPool();
        using var document = await ReadThroughPipeAsync(pool, "{\"a\":1}\r\n  ");
        Assert.Equal(1, document.RootElement.GetProperty("a").GetInt32());
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(" x", false)]
    public async Task ReadJsonAsync_BodyAcrossSegments_ParsesOnlyOneValue(string tail, bool valid)
    {
        // 12 KB in 4 KB segments: the multi-segment path.
        var body = "{\"text\":\"" + new string('a', 12_000) + "\"}" + tail;
        var pipe = new Pipe(new PipeOptions(minimumSegmentSize: 4096, useSynchronizationContext: false));
        foreach (var chunk in Encoding.UTF8.GetBytes(body).Chunk(4096))
        {
            await pipe.Writer.WriteAsync(chunk);
        }

        await pipe.Writer.CompleteAsync();
        if (valid)
        {
            using var document = await RequestBody.ReadJsonAsync(pipe.Reader, CancellationToken.None);
            Assert.Equal(12_000, document.RootElement.GetProperty("text").GetString()!.Length);
        }
        else
        {
            await Assert.ThrowsAnyAsync<JsonException>(async () => await RequestBody.ReadJsonAsync(pipe.Reader, CancellationToken.None));
        }
    }

    private static async Task<JsonDocument> ReadThroughPipeAsync(MemoryPool<byte> pool, string body)
    {
        var pipe = new Pipe(new PipeOptions(pool: pool, minimumSegmentSize: 4096, useSynchronizationContext: false));
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(body));
        await pipe.Writer.CompleteAsync();
        try
        {
            return await RequestBody.ReadJsonAsync(pipe.Reader, CancellationToken.None);
        }
        finally
        {
            await pipe.Reader.CompleteAsync();
        }
    }

    /// <summary>A pool that always hands out the same block, so reuse after advancing is certain.</summary>
    private sealed class SingleBlockPool : MemoryPool<byte>
    {
        private readonly byte[] _block = new byte[4096];

        public override int MaxBufferSize => _block.Length;

        public override IMemoryOwner<byte> Rent(int minBufferSize = -1) => new Owner(_block);

        protected override void Dispose(bool disposing)
        {
        }

        private sealed class Owner(byte[] block) : IMemoryOwner<byte>
        {
            public Memory<byte> Memory => block;

            public void Dispose()
            {
            }
        }
    }
}

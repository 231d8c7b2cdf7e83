namespace Bangfu.Common;

/// Lets an endpoint (a file upload) take a larger body than the API's default cap; the limit is read per request
/// so that it follows configuration.
public sealed record LargeBodyMetadata(Func<IServiceProvider, long> MaxBytes);

/// Caps API request bodies. Kestrel enforces its own limit too, but not every host does, and the cap here
/// also answers a clear problem instead of a dropped connection.
public sealed class BodySizeLimitMiddleware(RequestDelegate next)
{
    public const long MaxApiBodyBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            var limit = MaxApiBodyBytes;
            if (http.GetEndpoint()?.Metadata.GetMetadata<LargeBodyMetadata>() is { } large)
            {
                limit = large.MaxBytes(http.RequestServices);
                if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
                    server.MaxRequestBodySize = limit;
            }
            if (http.Request.ContentLength > limit)
                throw new BadHttpRequestException("Request body too large", StatusCodes.Status413PayloadTooLarge);
            http.Request.Body = new LimitedStream(http.Request.Body, limit);
        }
        return next(http);
    }

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            _read += n;
            if (_read > limit)
                throw new BadHttpRequestException("Request body too large", StatusCodes.Status413PayloadTooLarge);
            return n;
        }
    }
}

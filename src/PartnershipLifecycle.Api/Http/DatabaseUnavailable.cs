using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Api.Http;

/// <summary>
/// A request that failed because the database stayed away (transient failures, see
/// <see cref="DatabaseFailures.IsTransient"/>, after Wolverine's retries for commands) answers
/// 503 with <c>Retry-After</c> (seconds) and a problem body, never 500: nothing is wrong with the request, and
/// a command that failed so wrote nothing, so the client may send it again (with its Idempotency-Key).
/// </summary>
public sealed partial class DatabaseUnavailable(IProblemDetailsService problems, ILogger<DatabaseUnavailable> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!DatabaseFailures.IsTransient(exception))
        {
            return false;
        }

        Log.Unavailable(logger, http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = DatabaseFailures.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is not available.",
                Detail = $"The request could not reach the database and was not applied; send it again in {DatabaseFailures.RetryAfterSeconds} seconds.",
            },
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the database is not available ({Reason})")]
        public static partial void Unavailable(ILogger logger, string method, string path, string reason);
    }
}

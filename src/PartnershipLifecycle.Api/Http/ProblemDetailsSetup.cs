using System.Diagnostics;

namespace PartnershipLifecycle.Api.Http;

public static class ProblemDetailsSetup
{
    /// <summary>Every problem carries the trace id, so a client's report can be found in the traces.</summary>
    public static void AddTraceId(ProblemDetailsContext context)
    {
        context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
    }
}

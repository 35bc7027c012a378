using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Api.Http;

public static class ProblemDetailsSetup
{
    /// <summary>The title of every 400 that names its fields (as <c>Validation.Problem</c> answers).</summary>
    public const string InvalidRequest = "The request is not valid.";

    /// <summary>
    /// Every problem carries the trace id, so a client's report can be found in the traces; and a query-string value
    /// Wolverine could not parse (<c>RejectUnparseableQueryValues</c>: "cannot be parsed to the expected type
    /// System.DateTimeOffset") becomes the API's usual 400: <c>errors</c> naming the parameter, in words, no .NET type.
    /// </summary>
    public static void AddTraceId(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        if (problem.Status == StatusCodes.Status400BadRequest && problem.Title == "Invalid query string value" &&
            problem.Extensions.TryGetValue("parameter", out var parameter) && parameter is string name)
        {
            var message = QueryValueMessage(name, problem.Detail);
            problem.Title = ApiText.Format("Title.Invalid");
            problem.Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
            problem.Detail = message;
            problem.Extensions.Remove("parameter");
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [name] = [message] };
        }
    }

    /// <summary>What a query-string parameter of this .NET type (the end of Wolverine's detail) must be, in the API's words.</summary>
    public static string QueryValueMessage(string name, string? wolverineDetail)
    {
        const string marker = "expected type ";
        var at = wolverineDetail?.LastIndexOf(marker, StringComparison.Ordinal) ?? -1;
        var type = at < 0 ? "" : wolverineDetail![(at + marker.Length)..].Trim();
        return type switch
        {
            "int" or "long" or "short" or "System.Int32" or "System.Int64" or "System.Int16" => ApiText.Format("Query.WholeNumber", ("field", name)),
            "System.DateTimeOffset" or "System.DateTime" => ApiText.Format("Query.DateTime", ("field", name)),
            "System.DateOnly" => ApiText.Format("Query.Date", ("field", name)),
            "System.Guid" => ApiText.Format("Query.Uuid", ("field", name)),
            "bool" or "System.Boolean" => ApiText.Format("Query.Bool", ("field", name)),
            "decimal" or "double" or "float" or "System.Decimal" or "System.Double" or "System.Single" => ApiText.Format("Query.Number", ("field", name)),
            _ => ApiText.Format("Query.Other", ("field", name)),
        };
    }
}

using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.Analytics;

/// <summary>Answers a report as JSON, or as CSV (RFC 4180) when the client sends <c>Accept: text/csv</c>.</summary>
public static class CsvAnswer
{
    public const string ContentType = "text/csv";

    public static IResult Negotiate<T>(HttpContext http, T report, string name) where T : ICsvReport
    {
        var accept = http.Request.GetTypedHeaders().Accept;
        var wantsCsv = accept.Any(a => a.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase));
        if (!wantsCsv)
        {
            return Results.Ok(report);
        }

        http.Response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{name}.csv\"";
        return Results.Text(Write(report), $"{ContentType}; charset=utf-8");
    }

    /// <summary>The report as CSV text: <typeparamref name="T"/>'s header line, then its rows, each line ended by CR LF.</summary>
    public static string Write<T>(T report) where T : ICsvReport
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', T.CsvHeader).Append("\r\n");
        foreach (var row in report.CsvRows())
        {
            csv.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            Enum e => PartnershipJson.ToWire(e),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            double d => d.ToString("0.####", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        // A cell a spreadsheet would read as a formula is kept as text.
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && value is string)
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}

using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.Analytics;

/// <summary>
/// Answers a report as JSON, or as CSV (RFC 4180, UTF-8, each line ended by CR LF) when the client sends
/// <c>Accept: text/csv</c>. The CSV is written to the response as its rows come (<see cref="Stream"/>): a report that
/// is a list (commitments) is read from the database a batch at a time, never held whole in memory.
/// </summary>
public static class CsvAnswer
{
    public const string ContentType = "text/csv";

    /// <summary>Whether the request asks for CSV (<c>Accept: text/csv</c>).</summary>
    public static bool WantsCsv(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>A small report: as JSON, or its <see cref="ICsvReport.CsvRows"/> as CSV.</summary>
    public static IResult Negotiate<T>(HttpContext http, T report, string name) where T : ICsvReport =>
        WantsCsv(http) ? Report(http, report, name) : Results.Ok(report);

    /// <summary>A small report as a CSV download named <paramref name="name"/><c>.csv</c>, whatever the request accepts.</summary>
    /// <param name="byteOrderMark">Whether the file starts with the UTF-8 byte-order mark (the web app's downloads, for spreadsheets; not the API's CSV).</param>
    public static IResult Report<T>(HttpContext http, T report, string name, bool byteOrderMark = false) where T : ICsvReport =>
        Stream(http, name, T.CsvHeader, byteOrderMark, async (write, _) =>
        {
            foreach (var row in report.CsvRows())
            {
                await write(row);
            }
        });

    /// <summary>
    /// The whole commitments report (every partner with an MOU running) as a CSV download, read from the database a
    /// batch at a time through <paramref name="send"/> (the caller's MediatR pipeline) and written as read.
    /// </summary>
    /// <param name="byteOrderMark">Whether the file starts with the UTF-8 byte-order mark (the web app's downloads).</param>
    public static IResult Commitments(HttpContext http, string tenantId, Func<ExportCommitments, CancellationToken, Task> send, bool byteOrderMark = false) =>
        Stream(http, "commitments", CommitmentCsv.Header, byteOrderMark, (write, ct) =>
            send(new ExportCommitments(tenantId, async (batch, _) =>
            {
                foreach (var partner in batch)
                {
                    await write(CommitmentCsv.Row(partner));
                }
            }), ct));

    /// <summary>
    /// A CSV download named <paramref name="name"/><c>.csv</c>: the header line, then whatever <paramref name="rows"/>
    /// writes through the function it is given (one line per call), flushed to the client as it goes.
    /// </summary>
    /// <param name="byteOrderMark">Whether the file starts with the UTF-8 byte-order mark, so that a spreadsheet reads it as UTF-8.</param>
    public static IResult Stream(HttpContext http, string name, IReadOnlyList<string> header, bool byteOrderMark,
        Func<Func<IReadOnlyList<object?>, ValueTask>, CancellationToken, Task> rows)
    {
        http.Response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{name}.csv\"";
        return Results.Stream(async body =>
        {
            var ct = http.RequestAborted;
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: byteOrderMark), bufferSize: 16 * 1024, leaveOpen: true);
            await writer.WriteAsync(Line(header));
            await rows(row => new ValueTask(writer.WriteAsync(Line(row))), ct);
            await writer.FlushAsync(ct);
        }, $"{ContentType}; charset=utf-8");
    }

    /// <summary>One CSV line of <paramref name="cells"/>, CR LF included.</summary>
    public static string Line(IEnumerable<object?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

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

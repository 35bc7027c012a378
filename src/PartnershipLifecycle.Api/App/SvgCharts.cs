using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace PartnershipLifecycle.Api.App;

/// <summary>
/// Charts drawn on the server as SVG (no script, nothing to download): horizontal bars, one per row of the table
/// shown beside the chart, which carries the same numbers for screen readers and copying. Colours keep a 3:1
/// contrast against white (WCAG 2.1 non-text contrast).
/// </summary>
public static class SvgCharts
{
    private const int LabelWidth = 190;
    private const int BarArea = 300;
    private const int RowHeight = 26;

    /// <summary>
    /// One bar per item, scaled to the largest value (or to <paramref name="max"/>); <paramref name="format"/> writes
    /// the value at the bar's end. The SVG is <c>role="img"</c>, named by <paramref name="title"/>.
    /// </summary>
    public static IHtmlContent Bars(string title, IReadOnlyList<(string Label, double Value)> items, Func<double, string> format, double? max = null)
    {
        var top = max ?? Math.Max(1, items.Count == 0 ? 1 : items.Max(i => i.Value));
        var height = Math.Max(1, items.Count) * RowHeight + 8;
        var width = LabelWidth + BarArea + 70;
        var id = "chart-" + Guid.NewGuid().ToString("N")[..8];
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}\" viewBox=\"0 0 {width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}\">{Encode(title)}</title>");
        for (var i = 0; i < items.Count; i++)
        {
            var (label, value) = items[i];
            var y = 4 + i * RowHeight;
            var length = top <= 0 ? 0 : Math.Max(0, value / top * BarArea);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1a1a1a\">{Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{length:0.#}\" height=\"{RowHeight - 8}\" fill=\"#0b5394\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 6:0.#}\" y=\"{y + 17}\" font-size=\"13\" fill=\"#1a1a1a\">{Encode(format(value))}</text>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}

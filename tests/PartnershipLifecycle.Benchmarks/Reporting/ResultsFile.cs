namespace PartnershipLifecycle.Benchmarks.Reporting;

/// <summary>Replaces the generated part of a markdown file, between its two marker comments, and keeps the rest.</summary>
public static class ResultsFile
{
    public static void Replace(string path, string name, string content)
    {
        var start = $"<!-- {name}:start -->";
        var end = $"<!-- {name}:end -->";
        var text = File.ReadAllText(path);
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            throw new InvalidOperationException($"{path} has no '{start}' ... '{end}' section to replace.");
        }

        File.WriteAllText(path, text[..(from + start.Length)] + "\n" + content.TrimEnd() + "\n" + text[to..]);
    }
}

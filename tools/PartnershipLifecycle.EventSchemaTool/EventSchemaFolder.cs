namespace PartnershipLifecycle.EventSchemaTool;

/// <summary>The committed schemas in the repository's <c>eventschema/</c> folder, against what the code says now.</summary>
public static class EventSchemaFolder
{
    public const string FolderName = "eventschema";
    private const string RepositoryMarker = "PartnershipLifecycle.sln";

    /// <summary>
    /// <c>eventschema/</c> of the repository holding <paramref name="start"/> (a folder inside it), or null when
    /// <paramref name="start"/> is not inside the repository.
    /// </summary>
    public static string? Find(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, RepositoryMarker)))
            {
                return Path.Combine(folder.FullName, FolderName);
            }
        }

        return null;
    }

    /// <summary>Writes every schema whose text changed; answers the files written, relative to <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyDictionary<string, string> files)
    {
        var written = new List<string>();
        foreach (var (file, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path) && File.ReadAllText(path) == text)
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            written.Add(file);
        }

        return written;
    }

    /// <summary>Schema files in <paramref name="folder"/> that no event contract produces (e.g. of a deleted type).</summary>
    public static IReadOnlyList<string> Orphans(string folder, IReadOnlyDictionary<string, string> files) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(file => !files.ContainsKey(file))
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];

    /// <summary>What differs between the committed schemas and <paramref name="files"/>, one line per file; empty when none.</summary>
    public static IReadOnlyList<string> Drift(string folder, IReadOnlyDictionary<string, string> files) =>
        [
            .. files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => Compare(folder, f.Key, f.Value)).OfType<string>(),
            .. Orphans(folder, files).Select(file => $"{file}: describes no event type of the code."),
        ];

    /// <summary>Why the committed <paramref name="file"/> is not <paramref name="expected"/>, or null when it is.</summary>
    public static string? Compare(string folder, string file, string expected)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            return $"{file}: no committed schema; run the event schema tool's `write` (eventschema/README.md) and commit it.";
        }

        var committed = File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
        var generated = expected.Split('\n');
        var line = Enumerable.Range(0, Math.Max(committed.Length, generated.Length))
            .FirstOrDefault(i => i >= committed.Length || i >= generated.Length || committed[i] != generated[i], -1);
        return line < 0
            ? null
            : $"{file}: the committed schema differs from the code at line {line + 1}: committed " +
              $"`{(line < committed.Length ? committed[line].Trim() : "(end)")}`, code `{(line < generated.Length ? generated[line].Trim() : "(end)")}`. " +
              "If a reader of the committed schema would reject or misread the new shape, make a new version " +
              "(eventschema/README.md, \"Changing an event\"); otherwise run the event schema tool's `write` (eventschema/README.md) and commit the file.";
    }
}

using JasperFx.CommandLine;
using PartnershipLifecycle.Platform.Contracts;

namespace PartnershipLifecycle.EventSchemaTool;

public sealed class EventSchemaInput
{
    [Description("write: regenerate every event's JSON Schema into eventschema/; check: fail when a committed schema differs")]
    public string Action { get; set; } = "write";

    [Description("The eventschema folder (default: eventschema/ of the repository around the current directory)")]
    public string? PathFlag { get; set; }
}

/// <summary>
/// The tool's one command: <c>write</c> regenerates eventschema/ from the event records, <c>check</c> exits
/// non-zero naming each file that differs (README.md, "Command line"; eventschema/README.md).
/// </summary>
[Description("Writes (or checks) the JSON Schema of every stored and integration event in eventschema/", Name = "eventschema")]
public sealed class EventSchemaCommand : JasperFxCommand<EventSchemaInput>
{
    public EventSchemaCommand()
    {
        Usage("write or check every schema").Arguments(x => x.Action);
    }

    public override bool Execute(EventSchemaInput input)
    {
        var check = input.Action switch
        {
            "write" => false,
            "check" => true,
            _ => (bool?)null,
        };
        if (check is null)
        {
            Console.Error.WriteLine($"Unknown action '{input.Action}': write or check.");
            return false;
        }

        var folder = input.PathFlag
            ?? EventSchemaFolder.Find(Directory.GetCurrentDirectory())
            ?? EventSchemaFolder.Find(AppContext.BaseDirectory);
        if (folder is null)
        {
            Console.Error.WriteLine("No repository around the current directory; give the folder with --path <eventschema folder>.");
            return false;
        }

        var files = EventSchemas.Files(EventCatalogue.All);
        if (check.Value)
        {
            var drift = EventSchemaFolder.Drift(folder, files);
            foreach (var problem in drift)
            {
                Console.Error.WriteLine(problem);
            }

            Console.WriteLine(drift.Count == 0 ? $"{files.Count} event schemas in {folder} match the code." : $"{drift.Count} problem(s).");
            return drift.Count == 0;
        }

        var written = EventSchemaFolder.Write(folder, files);
        foreach (var file in written)
        {
            Console.WriteLine($"wrote {Path.Combine(folder, file)}");
        }

        foreach (var orphan in EventSchemaFolder.Orphans(folder, files))
        {
            Console.Error.WriteLine($"{orphan} describes no event type of the code (left in place; delete it only if the event never was stored).");
        }

        Console.WriteLine($"{files.Count} event schemas, {written.Count} changed, in {folder}.");
        return true;
    }
}

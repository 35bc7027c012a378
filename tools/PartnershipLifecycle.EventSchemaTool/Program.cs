using JasperFx.CommandLine;

namespace PartnershipLifecycle.EventSchemaTool;

/// <summary>
/// The tool's entry point: <c>write</c> (the default) or <c>check</c>, with an optional <c>--path &lt;eventschema
/// folder&gt;</c> (<see cref="EventSchemaCommand"/>). The verb's old name may lead, as JasperFx's help shows it:
/// <c>eventschema check</c> is <c>check</c>. A class of its own, not top-level statements: the tests reference this
/// project beside the service, whose <c>Program</c> they start.
/// </summary>
internal static class EventSchemaProgram
{
    private static int Main(string[] args) =>
        CommandExecutor.ExecuteCommand<EventSchemaCommand>(args is ["eventschema", .. var rest] ? rest : args);
}

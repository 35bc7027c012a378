namespace PartnershipLifecycle.Api.CommandLine;

/// <summary>
/// Our documents spell the rebuild verb <c>projections --rebuild</c>; the JasperFx command line that Marten
/// brings spells it <c>projections rebuild</c>. Both work.
/// </summary>
public static class CommandLineAliases
{
    public static string[] Apply(string[] args) =>
        args is ["projections", ..] && args.Contains("--rebuild")
            ? ["projections", "rebuild", .. args.Skip(1).Where(a => a != "--rebuild")]
            : args;
}

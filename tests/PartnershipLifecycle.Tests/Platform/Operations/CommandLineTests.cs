using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform.Operations;

/// <summary>The verbs README.md lists, run as processes against the tests' PostgreSQL.</summary>
public class CommandLineTests
{
    [Fact]
    public async Task The_verbs_of_the_readme_are_there()
    {
        var (exitCode, output) = await ApiProcess.Run("help");

        exitCode.ShouldBe(0, output);
        foreach (var verb in new[] { "codegen", "db-apply", "describe", "projections", "token" })
        {
            output.ShouldContain($"  {verb} ", Case.Sensitive, $"'{verb}' is missing from:\n{output}");
        }
    }

    [Fact]
    public async Task The_token_command_of_the_readme_prints_a_token_as_its_last_line()
    {
        // As README.md says: ASPNETCORE_ENVIRONMENT=Development, no signing key of one's own. Found trying the service:
        // once the launch profile stopped forcing Development, the documented command threw instead.
        var (exitCode, output) = await ApiProcess.Run("token --tenant t1 --role coordinator --sub ann",
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Auth__SigningKey"] = "" });

        exitCode.ShouldBe(0, output);
        var token = output.TrimEnd().Split('\n')[^1].Trim();
        token.Split('.').Length.ShouldBe(3, output);
    }

    [Fact]
    public async Task Db_apply_and_describe_run_against_the_database()
    {
        var apply = await ApiProcess.Run("db-apply");
        apply.ExitCode.ShouldBe(0, apply.Output);
        apply.Output.ShouldContain("0 failed");

        var describe = await ApiProcess.Run("describe");
        describe.ExitCode.ShouldBe(0, describe.Output);
        describe.Output.ShouldContain("PartnershipLifecycle.Api");
    }

    [Fact]
    public async Task Projections_list_names_the_read_models()
    {
        var (exitCode, output) = await ApiProcess.Run("projections list");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("Analytics", Case.Sensitive, output);
    }

    /// <summary>
    /// README.md and eventschema/README.md: <c>dotnet run --project tools/PartnershipLifecycle.EventSchemaTool -- check</c>
    /// (and <c>-- write</c>); run here from the tool's own build output, which <c>dotnet run</c> would build.
    /// </summary>
    [Fact]
    public async Task The_event_schema_tool_checks_the_committed_schemas_and_writes_them_where_asked()
    {
        var check = await RunSchemaTool($"check --path \"{Path.Combine(ApiProcess.RepositoryRoot, "eventschema")}\"");
        check.ExitCode.ShouldBe(0, check.Output);

        var folder = Directory.CreateTempSubdirectory("partnership-eventschema-");
        try
        {
            var write = await RunSchemaTool($"write --path \"{folder.FullName}\"");
            write.ExitCode.ShouldBe(0, write.Output);
            File.Exists(Path.Combine(folder.FullName, "integration", "turnover_alert_raised.v1.json")).ShouldBeTrue(write.Output);
            (await RunSchemaTool($"check --path \"{folder.FullName}\"")).ExitCode.ShouldBe(0);
            (await RunSchemaTool($"check --path \"{Directory.CreateTempSubdirectory("partnership-empty-").FullName}\"")).ExitCode.ShouldBe(1, "an empty folder is not the contract");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunSchemaTool(string arguments)
    {
        var build = new DirectoryInfo(AppContext.BaseDirectory);
        var tool = Path.Combine(ApiProcess.RepositoryRoot, "tools", "PartnershipLifecycle.EventSchemaTool", "bin", build.Parent!.Name, build.Name,
            "PartnershipLifecycle.EventSchemaTool.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", $"\"{tool}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>README.md: "./bench.sh --help" (the one script of the README with a --help) prints every option.</summary>
    [Fact]
    public async Task Bench_help_prints_the_options()
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash", $"\"{Path.Combine(ApiProcess.RepositoryRoot, "bench.sh")}\" --help")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(), // the script works from any directory
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;

        process.ExitCode.ShouldBe(0, text);
        text.ShouldContain("--quick", Case.Sensitive, text);
    }

    /// <summary>
    /// Production loads Wolverine's handler and endpoint code from Internal/Generated instead of compiling it;
    /// code that no longer matches the handlers would run stale wrappers, or miss new handlers altogether.
    /// </summary>
    [Fact]
    public async Task The_committed_generated_code_is_what_codegen_writes_today()
    {
        var fresh = Directory.CreateTempSubdirectory("partnership-codegen-");
        try
        {
            var (exitCode, output) = await ApiProcess.Run($"codegen write --contentroot \"{fresh.FullName}\"");
            exitCode.ShouldBe(0, output);

            var committed = Files(Path.Combine(ApiProcess.RepositoryRoot, "src", "PartnershipLifecycle.Api", "Internal", "Generated"));
            var written = Files(Path.Combine(fresh.FullName, "Internal", "Generated"));
            written.ShouldNotBeEmpty(output);

            var stale = written.Keys.Union(committed.Keys)
                .Where(file => written.GetValueOrDefault(file) != committed.GetValueOrDefault(file))
                .Order()
                .ToArray();
            stale.ShouldBeEmpty($"The generated code under src/PartnershipLifecycle.Api/Internal/Generated is stale; run build/codegen.sh and commit it.");
        }
        finally
        {
            fresh.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(folder, f), f => File.ReadAllText(f).ReplaceLineEndings("\n"))
            : [];
}

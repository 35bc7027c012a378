using System.Text.RegularExpressions;
using PartnershipLifecycle.Api.Operations;
using PartnershipLifecycle.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PartnershipLifecycle.Tests.Platform.Operations;

/// <summary>
/// docker/ is not built here (no container engine), so these keep its files honest: the service is configured
/// only with settings it reads (<see cref="ConfigurationKeys"/>), and README.md documents each of them.
/// </summary>
public partial class DeploymentFilesTests
{
    private static string Docker(string file) => Path.Combine(ApiProcess.RepositoryRoot, "docker", file);

    [Fact]
    public void Nothing_in_the_repository_overrides_the_environment_an_operator_sets()
    {
        var launchSettings = Path.Combine(ApiProcess.RepositoryRoot, "src", "PartnershipLifecycle.Api", "Properties", "launchSettings.json");

        File.ReadAllText(launchSettings).ShouldNotContain("ASPNETCORE_ENVIRONMENT");
        File.ReadAllText(Path.Combine(ApiProcess.RepositoryRoot, "run.sh"))
            .ShouldContain("ASPNETCORE_ENVIRONMENT=\"${ASPNETCORE_ENVIRONMENT:-Development}\""); // only when unset
    }

    [Fact]
    public void A_stopped_node_is_taken_over_within_15_seconds_by_default()
    {
        var settings = new PartnershipLifecycle.Platform.Hosting.NodeSettings();
        var durability = new Wolverine.DurabilitySettings();

        settings.ApplyTo(durability);

        (durability.StaleNodeTimeout + durability.HealthCheckPollingTime).ShouldBeLessThan(TimeSpan.FromSeconds(15));
        settings.TakeoverWithin.ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Every_variable_compose_sets_for_the_service_is_one_it_reads()
    {
        var variables = ComposeEnvironment(File.ReadAllText(Docker("compose.yaml")), "service");

        variables.ShouldNotBeEmpty();
        variables.Where(v => !IsRead(v)).ShouldBeEmpty("compose.yaml sets variables the service does not read");
    }

    [Fact]
    public void Every_variable_the_dockerfile_sets_is_one_the_service_reads()
    {
        var variables = EnvInstruction().Matches(File.ReadAllText(Docker("Dockerfile"))).Select(m => m.Groups["name"].Value).ToArray();

        variables.ShouldNotBeEmpty();
        variables.Where(v => !IsRead(v)).ShouldBeEmpty();
    }

    [Fact]
    public void A_variable_the_service_does_not_read_is_caught()
    {
        const string compose = """
            services:
              service:
                environment:
                  - ConnectionStrings__Marten=Host=db
                  - Marten__Connection=typo
            """;

        ComposeEnvironment(compose, "service").Where(v => !IsRead(v)).ShouldBe(["Marten__Connection"]);
    }

    [Fact]
    public void Readme_documents_every_setting_the_service_reads()
    {
        var readme = File.ReadAllText(Path.Combine(ApiProcess.RepositoryRoot, "README.md"));
        var configuration = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..];
        configuration = configuration[..configuration.IndexOf("\n## ", 1, StringComparison.Ordinal)];

        ConfigurationKeys.All.Where(key => !configuration.Contains($"`{key}`")).ShouldBeEmpty();
    }

    [Fact]
    public void The_image_runs_as_an_unprivileged_user_and_checks_liveness()
    {
        var dockerfile = File.ReadAllText(Docker("Dockerfile"));

        dockerfile.ShouldContain("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build");
        dockerfile.ShouldContain("FROM mcr.microsoft.com/dotnet/aspnet:10.0");
        Regex.IsMatch(dockerfile, @"^USER \$APP_UID$", RegexOptions.Multiline).ShouldBeTrue();
        Regex.IsMatch(dockerfile, @"^HEALTHCHECK .*\n.*/health/live", RegexOptions.Multiline).ShouldBeTrue();
    }

    /// <summary>A variable names a configuration key with ':' written '__'.</summary>
    private static bool IsRead(string variable) =>
        ConfigurationKeys.All.Contains(variable.Replace("__", ":"), StringComparer.OrdinalIgnoreCase);

    /// <summary>The names a compose service's <c>environment</c> sets, in either of compose's two forms.</summary>
    private static IReadOnlyList<string> ComposeEnvironment(string compose, string service)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(compose));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var definition = (YamlMappingNode)((YamlMappingNode)root["services"])[service];
        if (!definition.Children.TryGetValue(new YamlScalarNode("environment"), out var environment))
        {
            return [];
        }

        return environment switch
        {
            YamlMappingNode map => [.. map.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!)],
            YamlSequenceNode list => [.. list.Children.Cast<YamlScalarNode>().Select(item => item.Value!.Split('=')[0])],
            _ => throw new InvalidOperationException($"Unexpected 'environment' of service '{service}'."),
        };
    }

    [GeneratedRegex(@"^ENV\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)[= ]", RegexOptions.Multiline)]
    private static partial Regex EnvInstruction();
}

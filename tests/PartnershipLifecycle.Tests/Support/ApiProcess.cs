using System.Diagnostics;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>Runs the service's executable with command-line verbs, as a developer or the Dockerfile would.</summary>
public static class ApiProcess
{
    /// <summary>The repository's root (where PartnershipLifecycle.sln is).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// The service's own build output, of the configuration the tests were built in: not the test folder, whose
    /// extra assemblies (xunit's) the command line's assembly scan would trip over.
    /// </summary>
    public static string OutputFolder { get; } = Path.Combine(RepositoryRoot, "src", "PartnershipLifecycle.Api", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name);

    public static async Task<(int ExitCode, string Output)> Run(string arguments, IDictionary<string, string>? environment = null)
    {
        var api = Path.Combine(OutputFolder, "PartnershipLifecycle.Api.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{api}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = OutputFolder,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__SigningKey"] = AppFixture.SigningKey;
        start.Environment["ConnectionStrings__Marten"] = Environment.GetEnvironmentVariable("ConnectionStrings__Marten");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            // An empty value unsets the variable, as a shell that never exported it.
            if (value.Length == 0)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PartnershipLifecycle.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: no PartnershipLifecycle.sln above " + AppContext.BaseDirectory);
    }
}

namespace PartnershipLifecycle.Benchmarks;

/// <summary>
/// Measures the service against the physical limit and bare Marten in one run and prints one markdown table
/// (issue 8). Run it through ./bench.sh, which builds it and starts a PostgreSQL cluster for it.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (BenchOptions.HelpRequested)
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }

        Directory.CreateDirectory(options.WorkFolder);
        return options.Scale is { } scale
            ? await new Scale.ScaleRun(options, scale).ExecuteAsync()
            : await new BenchRun(options).ExecuteAsync();
    }
}

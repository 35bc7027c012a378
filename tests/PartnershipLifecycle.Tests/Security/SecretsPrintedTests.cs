using Npgsql;
using PartnershipLifecycle.Api.CommandLine;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Security;

/// <summary>The describe verb prints the configuration with every secret masked, and in Production only the service's own settings.</summary>
public class SecretsPrintedTests
{
    [Fact]
    public async Task Describe_shows_neither_the_signing_key_nor_the_database_password()
    {
        const string password = "db-password-that-must-not-print-0042";
        var connection = new NpgsqlConnectionStringBuilder(TestDatabases.BaseConnectionString) { Password = password }.ConnectionString;
        var (exitCode, output) = await ApiProcess.Run("describe", new Dictionary<string, string>
        {
            ["ConnectionStrings__Marten"] = connection,
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "api-key=otlp-header-secret-0042",
            ["UNRELATED_MACHINE_VARIABLE"] = "internal-detail-0042",
        });

        exitCode.ShouldBe(0, output);
        var flat = Flatten(output);
        flat.ShouldContain("ConnectionStrings", customMessage: output);
        flat.ShouldNotContain(Flatten(AppFixture.SigningKey));
        flat.ShouldNotContain(Flatten(password));
        flat.ShouldNotContain(Flatten("otlp-header-secret"));
        flat.ShouldNotContain("UNRELATED_MACHINE_VARIABLE");
        output.ShouldContain(SecretMasking.Mask);
    }

    [Theory]
    [InlineData("Auth:SigningKey", "k-0123456789", "***")]
    [InlineData("ConnectionStrings:Marten", "Host=db;Password=p@ss;Username=u", "Host=db;Password=***;Username=u")]
    [InlineData("ConnectionStrings:Marten", "Host=db;pwd='a;b'", "Host=db;pwd=***")]
    [InlineData("Webhooks:Timeout", "00:00:10", "00:00:10")]
    [InlineData("Logging:LogLevel:Default", "Information", "Information")]
    public void Values_are_masked_by_key_and_connection_string_passwords(string key, string value, string shown) =>
        SecretMasking.MaskValue(key, value).ShouldBe(shown);

    // The console wraps long values over several lines inside table borders.
    private static string Flatten(string text) => new([.. text.Where(char.IsLetterOrDigit)]);
}

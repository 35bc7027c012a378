using JasperFx.CommandLine;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Platform.Security;

namespace PartnershipLifecycle.Api.CommandLine;

public sealed class TokenInput : NetCoreInput
{
    [Description("The institution (tenant_id claim)")]
    public string TenantFlag { get; set; } = "t1";

    [Description("Roles, comma-separated: coordinator, analyst, auditor, admin")]
    public string RoleFlag { get; set; } = Roles.Coordinator;

    [Description("The actor (sub claim), recorded on every event")]
    public string SubFlag { get; set; } = "dev";

    [Description("Hours until the token expires")]
    public int HoursFlag { get; set; } = 12;
}

[Description("Prints a development bearer token signed with Auth:SigningKey", Name = "token")]
public sealed class TokenCommand : JasperFxAsyncCommand<TokenInput>
{
    public override Task<bool> Execute(TokenInput input)
    {
        using var host = input.BuildHost();
        var settings = AuthSettings.From(host.Services.GetRequiredService<IConfiguration>());
        var roles = input.RoleFlag.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = roles.Except(Roles.All).ToArray();
        if (unknown.Length > 0)
        {
            Console.Error.WriteLine($"Unknown role(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", Roles.All)}.");
            return Task.FromResult(false);
        }

        Console.WriteLine(DevelopmentTokens.Create(settings, input.TenantFlag, roles, input.SubFlag, TimeSpan.FromHours(input.HoursFlag)));
        return Task.FromResult(true);
    }
}

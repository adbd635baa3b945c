namespace OpenVisa.Tests.Status;

public class StatusCodeTests
{
    [Fact]
    public void Every_code_has_a_unique_abbreviation_and_a_description()
    {
        Assert.True(StatusCodes.All.Count >= 100);
        Assert.Equal(StatusCodes.All.Count, StatusCodes.All.Select(i => i.Code).Distinct().Count());
        Assert.Equal(StatusCodes.All.Count, StatusCodes.All.Select(i => i.Abbreviation).Distinct().Count());
        Assert.All(StatusCodes.All, i => Assert.False(string.IsNullOrWhiteSpace(i.Description)));
        Assert.All(Enum.GetValues<StatusCode>(), c => Assert.StartsWith("VI_", StatusCodes.Describe(c).Abbreviation, StringComparison.Ordinal));
        Assert.All(Enum.GetValues<StatusCode>(), c => Assert.DoesNotContain("VI_STATUS_0x", StatusCodes.Describe(c).Abbreviation, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(StatusCode.ErrorTimeout, "VI_ERROR_TMO", -1073807339)]
    [InlineData(StatusCode.ErrorConnectionLost, "VI_ERROR_CONN_LOST", -1073807194)]
    [InlineData(StatusCode.SuccessMaxCountRead, "VI_SUCCESS_MAX_CNT", 1073676294)]
    [InlineData(StatusCode.ErrorNonsupportedOperation, "VI_ERROR_NSUP_OPER", -1073807257)]
    [InlineData(StatusCode.ErrorInvalidResourceName, "VI_ERROR_INV_RSRC_NAME", -1073807342)]
    public void Codes_have_the_VISA_values_and_names(StatusCode code, string abbreviation, int value)
    {
        Assert.Equal(value, (int)code);
        Assert.Equal(abbreviation, code.Abbreviation());
        Assert.True(StatusCodes.TryParse(abbreviation.ToLowerInvariant(), out var parsed));
        Assert.Equal(code, parsed);
    }

    [Fact]
    public void Errors_are_negative_and_warnings_are_PyVISAs_set()
    {
        Assert.True(StatusCode.ErrorTimeout.IsError());
        Assert.False(StatusCode.SuccessMaxCountRead.IsError());
        Assert.True(StatusCode.SuccessMaxCountRead.IsWarning());
        Assert.False(StatusCode.SuccessTerminationCharacterRead.IsWarning());
        Assert.False(StatusCode.ErrorTimeout.IsWarning());
    }

    [Fact]
    public void An_unknown_code_is_described_by_its_value()
    {
        var info = StatusCodes.Describe((StatusCode)0x12345);
        Assert.Equal("VI_STATUS_0x00012345", info.Abbreviation);
        Assert.False(StatusCodes.TryParse("VI_ERROR_NOPE", out _));
    }

    [Fact]
    public void The_exception_message_gives_status_operation_resource_and_detail()
    {
        var e = new VisaException(StatusCode.ErrorTimeout, "Set a read termination.", "Read", "TCPIP0::h::1::SOCKET");
        Assert.Equal("VI_ERROR_TMO (-1073807339): Timeout expired before operation completed. [Read on TCPIP0::h::1::SOCKET] Set a read termination.", e.Message);
        var bare = new VisaException(StatusCode.ErrorTimeout);
        var named = bare.WithContext("Query", "GPIB0::1::INSTR");
        Assert.Equal("Query", named.Operation);
        Assert.Equal("GPIB0::1::INSTR", named.ResourceName);
        Assert.Same(e, e.WithContext("Other", "other"));
    }
}

using DealDesk.Web.Errors;
using Microsoft.AspNetCore.Http;

namespace DealDesk.Tests.Web;

/// <summary>Only an unreadable request is a 400; one refused for another reason keeps its own status (the test host cannot send those).</summary>
public sealed class BadRequestsTests
{
    [Theory]
    [InlineData(413, "PAYLOAD_TOO_LARGE")]
    [InlineData(415, "UNSUPPORTED_MEDIA_TYPE")]
    [InlineData(408, "HTTP_408")]
    public void A_request_refused_for_another_reason_keeps_its_status(int status, string code)
    {
        var refused = new BadHttpRequestException("refused", status);

        var error = BadRequests.ToError(refused, new DefaultHttpContext());

        Assert.Equal((status, code), (error.Status, error.Code));
        Assert.Equal(status, ErrorPages.StatusFor(refused)); // and a browser's page says so too
    }
}

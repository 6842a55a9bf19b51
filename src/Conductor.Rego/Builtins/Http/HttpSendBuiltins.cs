using System.Net.Http.Headers;
using System.Text;
using Conductor.Rego.Values;

namespace Conductor.Rego.Builtins.Http;

/// <summary>
/// OPA's http.send. It is off unless <see cref="EvaluationOptions.HttpSendAllowedHosts"/> names the request's host
/// (every redirect hop is checked too): a request to any other host is an error raised before any connection.
/// Identical requests within one query are sent once.
/// </summary>
public sealed class HttpSendBuiltins : IBuiltinFamily
{
    private const int MaxRedirects = 10;
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private static readonly HashSet<string> AllowedKeys = new(StringComparer.Ordinal)
    {
        "method", "url", "body", "enable_redirect", "force_json_decode", "force_yaml_decode", "headers", "raw_body",
        "tls_use_system_certs", "tls_ca_cert", "tls_ca_cert_file", "tls_ca_cert_env_variable", "tls_client_cert",
        "tls_client_cert_file", "tls_client_cert_env_variable", "tls_client_key", "tls_client_key_file",
        "tls_client_key_env_variable", "tls_insecure_skip_verify", "tls_server_name", "timeout", "cache", "force_cache",
        "force_cache_duration_seconds", "raise_error", "caching_mode", "max_retry_attempts", "cache_ignored_headers",
    };

    public void Register(BuiltinRegistry registry)
    {
        registry.Register(new BuiltinDefinition("http.send",
            BuiltinSignature.Of(RegoType.ObjectOf(RegoType.Any, RegoType.Any), RegoType.ObjectOf(RegoType.String, RegoType.Any)), Send)
        {
            Nondeterministic = true,
        });
    }

    private sealed class Request
    {
        public required string Method;
        public required Uri Url;
        public Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase);
        public byte[]? Body;
        public bool EnableRedirect;
        public bool ForceJsonDecode;
        public bool ForceYamlDecode;
        public int MaxRetryAttempts;
        public bool RaiseError = true;
        public TimeSpan Timeout = DefaultTimeout;
        public HttpSendTls Tls = HttpSendTls.Default;
    }

    private static Value Send(BuiltinContext context, ReadOnlySpan<Value> args)
    {
        var requestObject = BuiltinArgs.Object(args, 0);
        var cacheKey = "http.send:" + requestObject.ToJson();
        if (context.Cache.TryGetValue(cacheKey, out var cached)) return (Value)cached;
        var request = ParseRequest(requestObject);
        Value response;
        try
        {
            response = Execute(context, request);
        }
        catch (HttpSendFailure failure) when (!request.RaiseError)
        {
            response = ObjectValue.FromPairs(
            [
                new KeyValuePair<string, Value>("status_code", NumberValue.Zero),
                new KeyValuePair<string, Value>("error", ObjectValue.FromPairs(
                [
                    new KeyValuePair<string, Value>("code", new StringValue(failure.Code)),
                    new KeyValuePair<string, Value>("message", new StringValue(failure.Message)),
                ])),
            ]);
        }
        catch (HttpSendFailure failure)
        {
            throw BuiltinException.Error(failure.Message);
        }
        context.Cache[cacheKey] = response;
        return response;
    }

    private sealed class HttpSendFailure(string code, string message) : Exception(message)
    {
        public string Code { get; } = code;
    }

    private static Request ParseRequest(ObjectValue o)
    {
        var invalid = o.Keys.Where(k => k is not StringValue s || !AllowedKeys.Contains(s.Value)).ToList();
        if (invalid.Count > 0) throw new BuiltinException(RegoErrorCodes.EvalTypeError, $"operand 1 invalid request parameters(s): {new SetValue(invalid)}");
        var missing = new[] { "method", "url" }.Where(k => o.Get(k) is null).Select(k => (Value)new StringValue(k)).ToList();
        if (missing.Count > 0) throw new BuiltinException(RegoErrorCodes.EvalTypeError, $"operand 1 missing required request parameters(s): {new SetValue(missing)}");

        var method = o.Get("method") is StringValue m ? m.Value.ToUpperInvariant() : throw BuiltinException.Error("\"method\" must be a string");
        if (method.Length == 0 || !method.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)))
            throw BuiltinException.Error($"invalid method: {method}");
        var urlText = o.Get("url") is StringValue u ? u.Value : throw BuiltinException.Error("\"url\" must be a string");
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw BuiltinException.Error($"invalid url: {urlText}");
        var request = new Request { Method = method, Url = url };
        foreach (var (k, v) in o.Entries)
        {
            var key = ((StringValue)k).Value;
            switch (key)
            {
                case "headers":
                    if (v is not ObjectValue headers) throw BuiltinException.Error("\"headers\" must be an object");
                    foreach (var (hk, hv) in headers.Entries)
                    {
                        var name = hk is StringValue hs ? hs.Value : hk.ToJson();
                        request.Headers[name] = hv is StringValue hvs ? hvs.Value : hv.ToJson();
                    }
                    break;
                case "body":
                    if (v is not NullValue && request.Body is null) request.Body = Encoding.UTF8.GetBytes(v.ToJson());
                    break;
                case "raw_body":
                    request.Body = v is StringValue rb ? Encoding.UTF8.GetBytes(rb.Value) : throw BuiltinException.Error("\"raw_body\" must be a string");
                    break;
                case "enable_redirect": request.EnableRedirect = Flag(key, v); break;
                case "force_json_decode": request.ForceJsonDecode = Flag(key, v); break;
                case "force_yaml_decode": request.ForceYamlDecode = Flag(key, v); break;
                case "max_retry_attempts":
                    if (v is not NumberValue attempts || !attempts.TryGetInt32(out var n) || n < 0) throw BuiltinException.Error("\"max_retry_attempts\" must be a non-negative integer");
                    request.MaxRetryAttempts = Math.Min(n, 10);
                    break;
                case "raise_error": request.RaiseError = Flag(key, v); break;
                case "timeout": request.Timeout = ParseTimeout(v); break;
            }
        }
        request.Tls = HttpSendTls.FromRequest(o);
        // raw_body wins over body, as in OPA.
        if (o.Get("raw_body") is StringValue raw) request.Body = Encoding.UTF8.GetBytes(raw.Value);
        return request;
    }

    private static bool Flag(string name, Value v) => v is BooleanValue b ? b.Value : throw BuiltinException.Error($"\"{name}\" must be a boolean");

    private static TimeSpan ParseTimeout(Value v)
    {
        switch (v)
        {
            case NumberValue n when n.IsInteger:
                var ns = n.ToDouble();
                return ns <= 0 ? DefaultTimeout : TimeSpan.FromTicks((long)(ns / 100));
            case StringValue s:
                if (!GoDurations.TryParse(s.Value, out var d)) throw BuiltinException.Error($"invalid timeout: {s.Value}");
                return d <= TimeSpan.Zero ? DefaultTimeout : d;
            default:
                throw BuiltinException.Error("\"timeout\" must be a number of nanoseconds or a duration string");
        }
    }

    private static void CheckHost(BuiltinContext context, Uri url)
    {
        var allowed = context.Options.HttpSendAllowedHosts;
        var host = url.IdnHost;
        var hostPort = host + ":" + url.Port;
        if (allowed is not null)
        {
            foreach (var a in allowed)
            {
                if (string.Equals(a, host, StringComparison.OrdinalIgnoreCase) || string.Equals(a, hostPort, StringComparison.OrdinalIgnoreCase)) return;
            }
        }
        throw BuiltinException.Error($"host not allowed: {host}");
    }

    private static Value Execute(BuiltinContext context, Request request)
    {
        var method = request.Method;
        var url = request.Url;
        var body = request.Body;
        for (var hop = 0; ; hop++)
        {
            CheckHost(context, url);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
            timeout.CancelAfter(request.Timeout);
            using var message = new HttpRequestMessage(new HttpMethod(method), url);
            if (body is not null)
            {
                message.Content = new ByteArrayContent(body);
                if (!request.Headers.ContainsKey("Content-Type")) message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            foreach (var (name, value) in request.Headers)
            {
                if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                {
                    // An invalid Host value is dropped, as other headers that do not parse.
                    message.Headers.TryAddWithoutValidation("Host", value);
                }
                else if (!message.Headers.TryAddWithoutValidation(name, value))
                {
                    message.Content ??= new ByteArrayContent([]);
                    message.Content.Headers.Remove(name);
                    message.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
            HttpResponseMessage response;
            byte[] responseBody;
            try
            {
                response = SendWithRetries(request, message, body, timeout.Token);
                using var stream = response.Content.ReadAsStream(timeout.Token);
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                responseBody = buffer.ToArray();
            }
            catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                throw new HttpSendFailure("eval_http_send_network_error", $"{method} {url}: request timed out after {request.Timeout.TotalSeconds:0.###}s");
            }
            catch (HttpRequestException e)
            {
                throw new HttpSendFailure("eval_http_send_network_error", $"{method} {url}: {e.Message}");
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or IOException or FormatException)
            {
                throw new HttpSendFailure("eval_http_send_internal_error", $"{method} {url}: {e.Message}");
            }
            using (response)
            {
                var code = (int)response.StatusCode;
                if (request.EnableRedirect && code is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location && hop < MaxRedirects)
                {
                    url = location.IsAbsoluteUri ? location : new Uri(url, location);
                    if (code is 301 or 302 or 303 && method != "HEAD")
                    {
                        method = "GET";
                        body = null;
                    }
                    continue;
                }
                return ResponseValue(response, responseBody, request.ForceJsonDecode, request.ForceYamlDecode);
            }
        }
    }

    /// <summary>Sends, retrying network failures up to max_retry_attempts times with a doubling pause (100 ms, 200 ms, …),
    /// as OPA does; the request's timeout bounds the whole.</summary>
    private static HttpResponseMessage SendWithRetries(Request request, HttpRequestMessage message, byte[]? body, CancellationToken cancellation)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return request.Tls.Client().Send(message, HttpCompletionOption.ResponseContentRead, cancellation);
            }
            catch (HttpRequestException) when (attempt < request.MaxRetryAttempts)
            {
                cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100 << Math.Min(attempt, 6)));
                cancellation.ThrowIfCancellationRequested();
                message = Copy(message, body);
            }
        }
    }

    private static HttpRequestMessage Copy(HttpRequestMessage original, byte[]? body)
    {
        // A request message can be sent once; a retry sends a copy.
        var copy = new HttpRequestMessage(original.Method, original.RequestUri);
        foreach (var (name, values) in original.Headers) copy.Headers.TryAddWithoutValidation(name, values);
        if (original.Content is not null)
        {
            copy.Content = new ByteArrayContent(body ?? []);
            foreach (var (name, values) in original.Content.Headers)
            {
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) copy.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }
        return copy;
    }

    private static Value ResponseValue(HttpResponseMessage response, byte[] bodyBytes, bool forceJson, bool forceYaml)
    {
        var code = (int)response.StatusCode;
        var headers = new ObjectBuilder();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers.Set(name.ToLowerInvariant(), new ArrayValue(values.Select(v => (Value)new StringValue(v)).ToArray()));
        }
        var raw = Encoding.UTF8.GetString(bodyBytes);
        Value body = NullValue.Instance;
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (forceJson || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                body = bodyBytes.Length == 0 ? NullValue.Instance : JsonValueReader.Parse(bodyBytes);
            }
            catch (RegoException)
            {
                // A body that is not JSON leaves body null; raw_body still has it.
                body = NullValue.Instance;
            }
        }
        else if (forceYaml || mediaType is "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml")
        {
            try
            {
                body = bodyBytes.Length == 0 ? NullValue.Instance : YamlValueReader.Parse(raw);
            }
            catch (RegoException)
            {
                body = NullValue.Instance;
            }
        }
        var reason = response.ReasonPhrase ?? "";
        var result = new ObjectBuilder();
        result.Set("status", new StringValue(reason.Length > 0 ? $"{code} {reason}" : code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        result.Set("status_code", NumberValue.Of(code));
        result.Set("body", body);
        result.Set("raw_body", new StringValue(raw));
        result.Set("headers", headers.Build());
        return result.Build();
    }
}

-- wrk script: POST /api/tickets as a signed-in seller (the token comes in with -H Authorization).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"Load test ticket","price":"20.00"}'

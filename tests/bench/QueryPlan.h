#pragma once

namespace calloutdesk {

class DatabaseConnection;

// Prints the plan of the last statement the connection ran, for the benchmarks' notes:
// EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN on SQLite.
void printLastQueryPlan(DatabaseConnection &db);

} // namespace calloutdesk

/* pq.h -- libpq, loaded on first use (util/dynlib.h), so that commands other than the PostgreSQL backend do
 * not load it and the libraries it pulls in. pg.c includes this header instead of <libpq-fe.h>: each PQ
 * function it calls is listed below and resolves through a table filled by pq_load(). A PQ function that
 * is not listed fails to link (the binary no longer links libpq), so nothing can bypass the table. */
#ifndef DYAD_STORE_PQ_H
#define DYAD_STORE_PQ_H
#include <libpq-fe.h>
#include <stddef.h>

#define DYAD_PQ_FUNCS(X) \
    X(PQclear) \
    X(PQconnectdb) \
    X(PQerrorMessage) \
    X(PQexec) \
    X(PQexecParams) \
    X(PQexecPrepared) \
    X(PQfinish) \
    X(PQgetResult) \
    X(PQgetisnull) \
    X(PQgetvalue) \
    X(PQnfields) \
    X(PQntuples) \
    X(PQprepare) \
    X(PQputCopyData) \
    X(PQputCopyEnd) \
    X(PQresultErrorMessage) \
    X(PQresultStatus) \
    X(PQsendQueryParams) \
    X(PQsetClientEncoding) \
    X(PQsetNoticeProcessor) \
    X(PQsetSingleRowMode) \
    X(PQstatus)

typedef struct pq_api {
#define X(f) __typeof__(f) *f;
    DYAD_PQ_FUNCS(X)
#undef X
} pq_api;

/* Load libpq (once per process; $DYAD_LIBPQ may name the file): 0, or -1 with a message. Must succeed
 * before any PQ function is called. */
int pq_load(char *err, size_t errlen);
const pq_api *pq_api_get(void);

#ifndef DYAD_PQ_NO_MACROS
#define PQclear (pq_api_get()->PQclear)
#define PQconnectdb (pq_api_get()->PQconnectdb)
#define PQerrorMessage (pq_api_get()->PQerrorMessage)
#define PQexec (pq_api_get()->PQexec)
#define PQexecParams (pq_api_get()->PQexecParams)
#define PQexecPrepared (pq_api_get()->PQexecPrepared)
#define PQfinish (pq_api_get()->PQfinish)
#define PQgetResult (pq_api_get()->PQgetResult)
#define PQgetisnull (pq_api_get()->PQgetisnull)
#define PQgetvalue (pq_api_get()->PQgetvalue)
#define PQnfields (pq_api_get()->PQnfields)
#define PQntuples (pq_api_get()->PQntuples)
#define PQprepare (pq_api_get()->PQprepare)
#define PQputCopyData (pq_api_get()->PQputCopyData)
#define PQputCopyEnd (pq_api_get()->PQputCopyEnd)
#define PQresultErrorMessage (pq_api_get()->PQresultErrorMessage)
#define PQresultStatus (pq_api_get()->PQresultStatus)
#define PQsendQueryParams (pq_api_get()->PQsendQueryParams)
#define PQsetClientEncoding (pq_api_get()->PQsetClientEncoding)
#define PQsetNoticeProcessor (pq_api_get()->PQsetNoticeProcessor)
#define PQsetSingleRowMode (pq_api_get()->PQsetSingleRowMode)
#define PQstatus (pq_api_get()->PQstatus)
#endif

#endif

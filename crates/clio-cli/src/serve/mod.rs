//! `clio serve`: the store as a JSON API over HTTP (axum), for analysts'
//! tools and developers' services, on the embedded store alone.
//!
//! Every request opens the store read-only (SQLite in WAL mode), so an
//! ingest can run meanwhile and a request never changes the file. The
//! server listens on loopback by default; any other address needs a token,
//! checked on every request (`Authorization: Bearer TOKEN`). Request bodies
//! and pages are bounded, SQL is parameterised, and every error is JSON
//! with a message and the status that fits.

mod load;
mod page;

pub use load::bench_serve;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use clio_model::{ArticleMeta, InputFormat, RawArticle};
use clio_store::{ArticleFilter, Store, StoreError};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::pipeline::Pipeline;
use crate::query::{self, Filters, What};

/// The largest body `POST /api/process` takes.
const MAX_BODY: usize = 2 << 20;
/// Items per page unless asked, and at most.
const PER_PAGE: usize = 50;
const MAX_PER_PAGE: usize = 500;
/// Processing time a posted article may take.
const PROCESS_BUDGET: Duration = Duration::from_secs(30);

/// What every handler shares.
pub struct Served {
    /// The store, opened read-only per request.
    pub db: PathBuf,
    /// Required in `Authorization: Bearer` when set.
    pub token: Option<String>,
    /// Builds the pipeline on the first `POST /api/process` (loading the
    /// models takes a second and some hundred megabytes).
    pub pipeline: Box<dyn Fn() -> Result<Pipeline> + Send + Sync>,
    built: OnceLock<std::result::Result<Pipeline, String>>,
    /// The corpus results as last parsed.
    corpus: Mutex<Option<Arc<Corpus>>>,
    /// Read-only stores opened before, with their decoders: opening one
    /// per request (SQLite, the packing dictionaries) costs more than most
    /// requests.
    idle: Mutex<Vec<Store>>,
}

/// Idle stores kept for reuse.
const IDLE_STORES: usize = 16;

/// The corpus results (stories, merged events, claims), parsed once per
/// corpus step rather than per request.
struct Corpus {
    generation: u64,
    stories: Vec<Value>,
    events: Vec<Value>,
    claims: Vec<Value>,
    /// Article id -> index of its story.
    story_of: HashMap<String, usize>,
}

impl Served {
    /// The corpus results of the store, parsed again only when a corpus
    /// step has been saved since (or the store keeps no count of them).
    fn corpus(&self, store: &Store) -> std::result::Result<Arc<Corpus>, ApiError> {
        let generation = store.corpus_generation()?;
        let mut cached = self
            .corpus
            .lock()
            .map_err(|_| ApiError(StatusCode::INTERNAL_SERVER_ERROR, "corpus cache poisoned".into()))?;
        if let Some(c) = cached.as_ref().filter(|c| generation > 0 && c.generation == generation) {
            return Ok(c.clone());
        }
        let none = Filters { actor: None, code: None, since: None };
        let (stories, _) = query::rows(store, What::Stories, &none)?;
        let (events, _) = query::rows(store, What::Events, &none)?;
        let (claims, _) = query::rows(store, What::Claims, &none)?;
        let mut story_of = HashMap::new();
        for (i, st) in stories.iter().enumerate() {
            for d in st["documents"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                story_of.insert(d.to_string(), i);
            }
        }
        let c = Arc::new(Corpus { generation, stories, events, claims, story_of });
        *cached = Some(c.clone());
        Ok(c)
    }
}

impl Served {
    /// Shared state for [`serve`].
    pub fn new(
        db: PathBuf,
        token: Option<String>,
        pipeline: Box<dyn Fn() -> Result<Pipeline> + Send + Sync>,
    ) -> Served {
        Served { db, token, pipeline, built: OnceLock::new(), corpus: Mutex::new(None), idle: Mutex::new(Vec::new()) }
    }
}

/// An error as the API answers it: `{"error": message}` with a status.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"error": self.1}))).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        ApiError::from(anyhow::Error::from(e))
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        let status = match e.downcast_ref::<StoreError>() {
            Some(StoreError::Missing { .. } | StoreError::NotClio { .. } | StoreError::Older { .. }) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError(status, format!("{e:#}"))
    }
}

fn bad(message: impl Into<String>) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, message.into())
}

type ApiResult = std::result::Result<Json<Value>, ApiError>;

/// Runs `f` on the store, off the async threads.
async fn with_store<T: Send + 'static>(
    served: &Arc<Served>,
    f: impl FnOnce(&Served, &Store) -> std::result::Result<T, ApiError> + Send + 'static,
) -> std::result::Result<T, ApiError> {
    let served = served.clone();
    tokio::task::spawn_blocking(move || {
        let reused = served.idle.lock().ok().and_then(|mut idle| idle.pop());
        let store = match reused {
            Some(store) => store,
            None => Store::open_read_only(&served.db)?,
        };
        let answer = f(&served, &store);
        if let Ok(mut idle) = served.idle.lock() {
            if idle.len() < IDLE_STORES {
                idle.push(store);
            }
        }
        answer
    })
    .await
    .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, format!("request failed: {e}")))?
}

/// Query parameters, or a JSON error saying which one is wrong.
fn params<T>(q: std::result::Result<Query<T>, QueryRejection>) -> std::result::Result<T, ApiError> {
    q.map(|Query(t)| t).map_err(|e| bad(e.body_text()))
}

/// Paging of a list: `page` (from 1) and `per_page` (at most 500).
struct Paging {
    page: Option<usize>,
    per_page: Option<usize>,
}

impl Paging {
    fn window(&self) -> std::result::Result<(usize, usize), ApiError> {
        let per = self.per_page.unwrap_or(PER_PAGE);
        if per == 0 || per > MAX_PER_PAGE {
            return Err(bad(format!("per_page is 1 to {MAX_PER_PAGE}")));
        }
        let page = self.page.unwrap_or(1);
        if page == 0 {
            return Err(bad("page counts from 1"));
        }
        Ok(((page - 1).saturating_mul(per), per))
    }

    fn answer(&self, total: usize, items: Vec<Value>) -> Value {
        json!({"total": total, "page": self.page.unwrap_or(1), "per_page": self.per_page.unwrap_or(PER_PAGE), "items": items})
    }
}

fn date_param(name: &str, v: &Option<String>) -> std::result::Result<(), ApiError> {
    match v {
        Some(d) if d.parse::<jiff::civil::Date>().is_err() => {
            Err(bad(format!("{name} takes a date as YYYY-MM-DD, got {d:?}")))
        }
        _ => Ok(()),
    }
}

#[derive(Deserialize)]
struct ArticlesQuery {
    q: Option<String>,
    outlet: Option<String>,
    since: Option<String>,
    until: Option<String>,
    page: Option<usize>,
    per_page: Option<usize>,
}

fn article_items(
    store: &Store,
    a: &ArticlesQuery,
    offset: usize,
    limit: usize,
) -> std::result::Result<(u64, Vec<Value>), ApiError> {
    let filter =
        ArticleFilter { words: a.q.clone(), outlet: a.outlet.clone(), since: a.since.clone(), until: a.until.clone() };
    let (total, rows) = store.articles(&filter, offset, limit)?;
    let items = rows
        .into_iter()
        .map(|r| json!({"id": r.id, "source": r.source, "title": r.title, "outlet": r.outlet, "date": r.date, "date_basis": r.date_basis}))
        .collect();
    Ok((total, items))
}

async fn articles(
    State(s): State<Arc<Served>>,
    q: std::result::Result<Query<ArticlesQuery>, QueryRejection>,
) -> ApiResult {
    let a = params(q)?;
    let paging = Paging { page: a.page, per_page: a.per_page };
    date_param("since", &a.since)?;
    date_param("until", &a.until)?;
    let (offset, limit) = paging.window()?;
    let (total, items) = with_store(&s, move |_, store| article_items(store, &a, offset, limit)).await?;
    Ok(Json(paging.answer(total as usize, items)))
}

/// One article's `documents.jsonl` record, with its story.
fn article_record(served: &Served, store: &Store, id: &str) -> std::result::Result<Value, ApiError> {
    let Some(mut doc) = store.get(id)? else {
        return Err(ApiError(StatusCode::NOT_FOUND, format!("no article {id:?} in the store")));
    };
    doc.tokens = clio_text::tokenize(&doc.text);
    let mut record = clio_export::document_json(&doc);
    let corpus = served.corpus(store)?;
    record["story"] = corpus.story_of.get(id).map_or(Value::Null, |&i| corpus.stories[i]["id"].clone());
    Ok(record)
}

async fn article(State(s): State<Arc<Served>>, Path(id): Path<String>) -> ApiResult {
    with_store(&s, move |served, store| article_record(served, store, &id).map(Json)).await
}

#[derive(Deserialize)]
struct EventsQuery {
    actor: Option<String>,
    code: Option<String>,
    since: Option<String>,
    until: Option<String>,
    story: Option<String>,
    page: Option<usize>,
    per_page: Option<usize>,
}

/// The merged events that pass the filters.
fn event_rows(served: &Served, store: &Store, e: &EventsQuery) -> std::result::Result<Vec<Value>, ApiError> {
    date_param("since", &e.since)?;
    date_param("until", &e.until)?;
    let corpus = served.corpus(store)?;
    let filters = Filters { actor: e.actor.clone(), code: e.code.clone(), since: e.since.clone() };
    let in_story: Option<&Vec<Value>> = match &e.story {
        None => None,
        Some(id) => {
            let st = corpus.stories.iter().find(|st| st["id"] == id.as_str());
            let st = st.ok_or_else(|| ApiError(StatusCode::NOT_FOUND, format!("no story {id:?}")))?;
            st["events"].as_array()
        }
    };
    Ok(query::filter(What::Events, corpus.events.clone(), &[], &filters)
        .into_iter()
        .filter(|r| e.until.as_ref().is_none_or(|u| r["date"].as_str().is_some_and(|d| d <= u.as_str())))
        .filter(|r| in_story.is_none_or(|ids| ids.contains(&r["id"])))
        .collect())
}

async fn events(State(s): State<Arc<Served>>, q: std::result::Result<Query<EventsQuery>, QueryRejection>) -> ApiResult {
    let e = params(q)?;
    let paging = Paging { page: e.page, per_page: e.per_page };
    let (offset, limit) = paging.window()?;
    let (total, items) = with_store(&s, move |served, store| {
        let rows = event_rows(served, store, &e)?;
        Ok((rows.len(), rows.into_iter().skip(offset).take(limit).collect::<Vec<_>>()))
    })
    .await?;
    Ok(Json(paging.answer(total, items)))
}

#[derive(Deserialize)]
struct ListQuery {
    actor: Option<String>,
    since: Option<String>,
    q: Option<String>,
    page: Option<usize>,
    per_page: Option<usize>,
}

/// Stories, claims or entities that pass the filters.
fn list_rows(served: &Served, store: &Store, what: What, l: &ListQuery) -> std::result::Result<Vec<Value>, ApiError> {
    date_param("since", &l.since)?;
    let filters = Filters { actor: l.actor.clone(), code: None, since: l.since.clone() };
    let rows = match what {
        What::Entities => {
            if filters.actor.is_some() || filters.since.is_some() {
                return Err(bad("entities are filtered by q (words of the name), not actor or since"));
            }
            query::rows(store, what, &filters)?.0
        }
        What::Stories => {
            let corpus = served.corpus(store)?;
            query::filter(what, corpus.stories.clone(), &corpus.events, &filters)
        }
        _ => query::filter(what, served.corpus(store)?.claims.clone(), &[], &filters),
    };
    let words = l.q.as_ref().map(|q| q.to_lowercase());
    Ok(rows
        .into_iter()
        .filter(|r| {
            words.as_ref().is_none_or(|w| {
                ["name", "label", "what"]
                    .iter()
                    .any(|k| r[*k].as_str().is_some_and(|v| v.to_lowercase().contains(w.as_str())))
            })
        })
        .collect())
}

async fn list(s: Arc<Served>, what: What, q: std::result::Result<Query<ListQuery>, QueryRejection>) -> ApiResult {
    let l = params(q)?;
    let paging = Paging { page: l.page, per_page: l.per_page };
    let (offset, limit) = paging.window()?;
    let (total, items) = with_store(&s, move |served, store| {
        let rows = list_rows(served, store, what, &l)?;
        Ok((rows.len(), rows.into_iter().skip(offset).take(limit).collect::<Vec<_>>()))
    })
    .await?;
    Ok(Json(paging.answer(total, items)))
}

async fn stories(State(s): State<Arc<Served>>, q: std::result::Result<Query<ListQuery>, QueryRejection>) -> ApiResult {
    list(s, What::Stories, q).await
}

async fn entities(State(s): State<Arc<Served>>, q: std::result::Result<Query<ListQuery>, QueryRejection>) -> ApiResult {
    list(s, What::Entities, q).await
}

async fn claims(State(s): State<Arc<Served>>, q: std::result::Result<Query<ListQuery>, QueryRejection>) -> ApiResult {
    list(s, What::Claims, q).await
}

/// A story with its articles, merged events and claims in full.
fn story_record(served: &Served, store: &Store, id: &str) -> std::result::Result<Value, ApiError> {
    let corpus = served.corpus(store)?;
    let Some(mut st) = corpus.stories.iter().find(|st| st["id"] == id).cloned() else {
        return Err(ApiError(StatusCode::NOT_FOUND, format!("no story {id:?}")));
    };
    let ids: Vec<String> =
        st["documents"].as_array().into_iter().flatten().filter_map(|d| d.as_str().map(str::to_string)).collect();
    let articles: Vec<Value> = store
        .article_rows(&ids)?
        .into_iter()
        .map(|a| json!({"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.date}))
        .collect();
    let wanted = |key: &str| st[key].as_array().cloned().unwrap_or_default();
    let (event_ids, claim_ids) = (wanted("events"), wanted("claims"));
    let events: Vec<Value> = corpus.events.iter().filter(|e| event_ids.contains(&e["id"])).cloned().collect();
    let claims: Vec<Value> = corpus.claims.iter().filter(|c| claim_ids.contains(&c["id"])).cloned().collect();
    st["articles"] = Value::Array(articles);
    st["events"] = Value::Array(events);
    st["claims"] = Value::Array(claims);
    Ok(st)
}

async fn story(State(s): State<Arc<Served>>, Path(id): Path<String>) -> ApiResult {
    with_store(&s, move |served, store| story_record(served, store, &id).map(Json)).await
}

// The web page: the same records, as HTML; errors as a page too.

type PageResult = std::result::Result<Html<String>, Response>;

fn page_error(e: ApiError) -> Response {
    let body = page::page("error", &format!("<h1>{}</h1><p>{}</p>", e.0, page::esc(&e.1)));
    (e.0, Html(body)).into_response()
}

async fn home(State(s): State<Arc<Served>>) -> PageResult {
    let a = ArticlesQuery { q: None, outlet: None, since: None, until: None, page: None, per_page: None };
    let (total, items) = with_store(&s, move |_, store| article_items(store, &a, 0, 100)).await.map_err(page_error)?;
    Ok(Html(page::articles("Latest articles", total, &items)))
}

async fn search_page(
    State(s): State<Arc<Served>>,
    q: std::result::Result<Query<ArticlesQuery>, QueryRejection>,
) -> PageResult {
    let a = params(q).map_err(page_error)?;
    let title = format!("Articles matching {:?}", a.q.as_deref().unwrap_or(""));
    let (total, items) = with_store(&s, move |_, store| article_items(store, &a, 0, 200)).await.map_err(page_error)?;
    Ok(Html(page::articles(&title, total, &items)))
}

async fn article_page(State(s): State<Arc<Served>>, Path(id): Path<String>) -> PageResult {
    let record = with_store(&s, move |served, store| article_record(served, store, &id)).await.map_err(page_error)?;
    Ok(Html(page::article(&record)))
}

async fn story_page(State(s): State<Arc<Served>>, Path(id): Path<String>) -> PageResult {
    let record = with_store(&s, move |served, store| story_record(served, store, &id)).await.map_err(page_error)?;
    Ok(Html(page::story(&record)))
}

async fn stories_page(State(s): State<Arc<Served>>) -> PageResult {
    let l = ListQuery { actor: None, since: None, q: None, page: None, per_page: None };
    let rows =
        with_store(&s, move |served, store| list_rows(served, store, What::Stories, &l)).await.map_err(page_error)?;
    Ok(Html(page::stories(&rows)))
}

async fn events_page(
    State(s): State<Arc<Served>>,
    q: std::result::Result<Query<EventsQuery>, QueryRejection>,
) -> PageResult {
    let e = params(q).map_err(page_error)?;
    let shown =
        [("actor", e.actor.clone()), ("code", e.code.clone()), ("since", e.since.clone()), ("until", e.until.clone())];
    let rows = with_store(&s, move |served, store| event_rows(served, store, &e)).await.map_err(page_error)?;
    let total = rows.len();
    Ok(Html(page::events(&shown, &rows[..total.min(1000)], total)))
}

async fn stats(State(s): State<Arc<Served>>) -> ApiResult {
    with_store(&s, move |_, store| {
        let st = store.stats()?;
        let (linked, stored) = store.corpus_coverage()?;
        Ok(Json(json!({
            "articles": st.articles,
            "text_bytes": st.text_bytes,
            "date_basis": st.by_basis.into_iter().map(|(k, n)| (k, json!(n))).collect::<serde_json::Map<_, _>>(),
            "top_outlets": st.top_outlets,
            "date_range": st.date_range,
            "corpus_linked_over": linked,
            "corpus_up_to_date": linked.is_some_and(|l| l >= stored),
        })))
    })
    .await
}

/// What `POST /api/process` takes as JSON.
#[derive(Deserialize)]
struct Posted {
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
}

async fn process(
    State(s): State<Arc<Served>>,
    headers: HeaderMap,
    body: std::result::Result<Bytes, BytesRejection>,
) -> ApiResult {
    let body =
        body.map_err(|e| ApiError(e.status(), format!("{}; post at most {} MB", e.body_text(), MAX_BODY >> 20)))?;
    let kind =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("text/plain").to_ascii_lowercase();
    let body = String::from_utf8(body.to_vec()).map_err(|_| bad("the body is not UTF-8 text"))?;
    let mut meta = ArticleMeta::default();
    let (raw, is_html) = if kind.starts_with("application/json") {
        let p: Posted = serde_json::from_str(&body).map_err(|e| {
            bad(format!(
                "not the JSON expected ({e}): {{\"text\": ..., \"title\": ..., \"published\": \"YYYY-MM-DD\"}}"
            ))
        })?;
        meta.title = p.title;
        meta.url = p.url;
        meta.outlet = p.outlet;
        if let Some(d) = &p.published {
            meta.published =
                Some(clio_ingest::meta::parse_date(d).ok_or_else(|| bad(format!("published {d:?} is no date")))?);
        }
        match (p.text, p.html) {
            (Some(t), _) if !t.trim().is_empty() => (t, false),
            (_, Some(h)) if !h.trim().is_empty() => (h, true),
            _ => return Err(bad("no text: give \"text\" (or \"html\") as a non-empty string")),
        }
    } else {
        (body, kind.starts_with("text/html"))
    };
    if raw.trim().is_empty() {
        return Err(bad("the body is empty: post the article's text"));
    }
    let served = s.clone();
    let record = tokio::task::spawn_blocking(move || {
        let pipeline = served.built.get_or_init(|| (served.pipeline)().map_err(|e| format!("{e:#}")));
        let pipeline = pipeline.as_ref().map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.clone()))?;
        let article = RawArticle {
            id: Some("posted".into()),
            source: "POST /api/process".into(),
            format: if is_html { InputFormat::Html } else { InputFormat::Text },
            is_html,
            raw,
            meta,
            warnings: Vec::new(),
        };
        let doc = pipeline.process_within(article, PROCESS_BUDGET).map_err(|e| {
            ApiError(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("given up after {:.1} s in the {} stage", e.spent.as_secs_f64(), e.stage),
            )
        })?;
        Ok::<_, ApiError>(clio_export::document_json(&doc))
    })
    .await
    .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, format!("request failed: {e}")))??;
    Ok(Json(record))
}

async fn not_found() -> ApiError {
    ApiError(StatusCode::NOT_FOUND, "no such endpoint; see GET /api/stats, /api/articles, /api/events, /api/stories, /api/entities, /api/claims, POST /api/process".into())
}

async fn check_token(State(s): State<Arc<Served>>, request: Request, next: Next) -> Response {
    if let Some(token) = &s.token {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if given != Some(token.as_str()) {
            return ApiError(StatusCode::UNAUTHORIZED, "give the token as `Authorization: Bearer TOKEN`".into())
                .into_response();
        }
    }
    next.run(request).await
}

/// The API's routes over shared state.
pub fn router(served: Arc<Served>) -> Router {
    Router::new()
        .route("/api/stats", get(stats))
        .route("/api/articles", get(articles))
        .route("/api/articles/{id}", get(article))
        .route("/api/events", get(events))
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/entities", get(entities))
        .route("/api/claims", get(claims))
        .route("/api/process", post(process))
        .route("/", get(home))
        .route("/search", get(search_page))
        .route("/articles/{id}", get(article_page))
        .route("/stories", get(stories_page))
        .route("/stories/{id}", get(story_page))
        .route("/events", get(events_page))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(served.clone(), check_token))
        .with_state(served)
}

/// Serves until interrupted. Binding anything but loopback needs a token.
pub fn serve(served: Served, bind: SocketAddr) -> Result<()> {
    if !bind.ip().is_loopback() && served.token.is_none() {
        bail!("serving on {bind} (not loopback) needs a token: give --token TOKEN or set CLIO_TOKEN");
    }
    // Store work runs on a few blocking threads, queued beyond: a thread
    // per request in flight would spend more on new threads and their
    // memory than on the requests.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .max_blocking_threads(workers * 2)
        .enable_all()
        .build()
        .context("starting the server")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .with_context(|| format!("binding {bind} (in use? choose another with --bind)"))?;
        let at = listener.local_addr()?;
        say!("clio: serving {} on http://{at}/ (Ctrl-C stops)", served.db.display());
        axum::serve(listener, router(Arc::new(served))).await.context("serving")
    })
}

//! pitwall's screens: the Leptos app (SSR on the server, hydrated in the browser), the
//! pure domain, the JSON model shared with the server, the live channel hook and i18n.

#![recursion_limit = "256"]

pub mod client;
pub mod components;
pub mod domain;
pub mod i18n;
pub mod live;
pub mod model;
pub mod pages;
pub mod settings;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, LazyRoute,
};

/// The HTML document around the app (SSR only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="zh-CN">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
                <settings::SettingsMeta />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="pitwall" />
        <Router>
            <Routes fallback=|| view! { <components::NotFound /> }>
                <Route path=path!("/") view=pages::home::HomePage />
                <Route path=path!("/lounge") view={Lazy::<LoungeScreen>::new()} />
                <Route path=path!("/bays") view={Lazy::<BaysScreen>::new()} />
                <Route path=path!("/bay/:id") view={Lazy::<BayScreen>::new()} />
                <Route path=path!("/kiosk") view={Lazy::<KioskScreen>::new()} />
                <Route path=path!("/track/:token") view={Lazy::<TrackScreen>::new()} />
                <Route path=path!("/desk") view={Lazy::<DeskScreen>::new()} />
                <Route path=path!("/desk/checkin") view={Lazy::<DeskCheckinScreen>::new()} />
                <Route path=path!("/desk/jobs/:id") view={Lazy::<DeskJobScreen>::new()} />
                <Route path=path!("/desk/jobs/:id/invoice") view={Lazy::<InvoiceScreen>::new()} />
                <Route path=path!("/desk/follow-ups") view={Lazy::<FollowUpsScreen>::new()} />
                <Route path=path!("/desk/complaints") view={Lazy::<ComplaintsScreen>::new()} />
                <Route path=path!("/desk/kpis") view={Lazy::<KpisScreen>::new()} />
                <Route path=path!("/desk/appointments") view={Lazy::<AppointmentsScreen>::new()} />
                <Route path=path!("/desk/customers") view={Lazy::<CustomersScreen>::new()} />
                <Route path=path!("/desk/messages") view={Lazy::<MessagesScreen>::new()} />
                <Route path=path!("/setup") view={Lazy::<SetupScreen>::new()} />
                <Route path=path!("/admin/staff") view={Lazy::<AccountsScreen>::new()} />
                <Route path=path!("/admin") view={Lazy::<AdminScreen>::new()} />
                <Route path=path!("/admin/catalogue") view={Lazy::<AdminCatalogueScreen>::new()} />
                <Route path=path!("/admin/schedule") view={Lazy::<AdminScheduleScreen>::new()} />
                <Route path=path!("/parts") view={Lazy::<PartsScreen>::new()} />
            </Routes>
        </Router>
    }
}

/// The screens' code as pieces of wasm the browser loads when a screen opens
/// (`cargo leptos build --split`), not every screen's code up front. The lounge, kiosk,
/// tracking page, bay and board each have a piece of their own; the desk's screens share
/// one, and so do the back office's. Why shared: the splitter puts each function used
/// by more than one piece into a chunk per set of pieces that use it, so every extra
/// piece cut the code every screen downloads into more, smaller files that compress
/// worse (BENCHMARKS.md, "Page weight").
macro_rules! lazy_screens {
    ($($piece:ident { $($route:ident => $page:expr),* $(,)? })*) => {$(
        mod $piece {
            use super::*;

            /// Which screen of this piece to show.
            #[derive(Clone, Copy)]
            #[repr(u8)]
            #[allow(clippy::enum_variant_names)]
            pub enum Which {
                $($route),*
            }

            #[leptos::lazy($piece)]
            pub fn view(screen: Which) -> AnyView {
                match screen {
                    $(Which::$route => ($page)().into_any()),*
                }
            }
        }

        $(
            struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $piece::view($piece::Which::$route).await
                }

                /// Hydration needs the piece loaded before the view is built.
                async fn preload() {
                    #[cfg(target_arch = "wasm32")]
                    $piece::__preload_view().await;
                }
            }
        )*
    )*};
}

lazy_screens! {
    lounge_piece { LoungeScreen => pages::lounge::LoungePage }
    board_piece { BaysScreen => pages::bays::BaysPage }
    bay_piece { BayScreen => pages::bay::BayPage }
    kiosk_piece { KioskScreen => || view! { <pages::kiosk::KioskPage /> } }
    track_piece { TrackScreen => pages::track::TrackPage }
    desk_piece {
        DeskScreen => pages::desk::DeskPage,
        DeskCheckinScreen => pages::desk::DeskCheckinPage,
        DeskJobScreen => pages::desk::DeskJobPage,
        InvoiceScreen => pages::desk::InvoicePage,
        FollowUpsScreen => pages::follow_ups::FollowUpsPage,
        ComplaintsScreen => pages::complaints::ComplaintsPage,
        KpisScreen => pages::kpis::KpisPage,
        AppointmentsScreen => pages::appointments::AppointmentsPage,
        CustomersScreen => pages::customers::CustomersPage,
        MessagesScreen => pages::messages::MessagesPage,
    }
    office_piece {
        SetupScreen => pages::setup::SetupPage,
        AccountsScreen => pages::accounts::AccountsPage,
        AdminScreen => pages::admin::AdminPage,
        AdminCatalogueScreen => pages::admin::AdminCataloguePage,
        AdminScheduleScreen => pages::admin::AdminSchedulePage,
        PartsScreen => pages::parts::PartsPage,
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    settings::load_from_page();
    leptos::mount::hydrate_lazy(App);
}

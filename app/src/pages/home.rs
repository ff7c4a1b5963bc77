//! The start page: links to every screen.

use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <main class="home">
            <h1>"pitwall"</h1>
            <p>"星辰汽车4S店 售后服务 · Xingchen Motors Service"</p>
            <nav>
                <ul>
                    <li><a href="/lounge">"休息区看板 · Lounge board"</a></li>
                    <li><a href="/bays">"车间看板 · Workshop board"</a></li>
                    {(1..=6).map(|n| view! { <li><a href=format!("/bay/{n}")>{format!("{n}号工位 · Bay {n}")}</a></li> }).collect_view()}
                </ul>
            </nav>
        </main>
    }
}

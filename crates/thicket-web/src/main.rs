//! The playground page.

fn main() {
    yew::Renderer::<thicket_web::app::App>::new().render();
}
